import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleHandlers } from '../../src-main/modules';
import { queryKeyOf } from '../../src-renderer/api/query-keys';
import { contract, modules, NAMESPACES, type ProcedureName } from '../../src-shared/contract';

/**
 * Names that say where they live: a procedure's first segment is a namespace of the module whose
 * contract file declares it and whose folder implements it, and the renderer caches it under that
 * same segment. Walks the whole contract, so a misplaced name fails here.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const prefix = (name: string) => name.split('.')[0] as string;

describe('procedure names', () => {
  it('every module is one contract file and one module folder, implementing exactly its procedures', () => {
    for (const [module, procedures] of Object.entries(modules)) {
      expect(fs.existsSync(path.join(ROOT, 'src-shared/contract', `${module}.ts`)), module).toBe(true);
      expect(fs.existsSync(path.join(ROOT, 'src-main/modules', module, 'procedures.ts')), module).toBe(true);
      const handlers = moduleHandlers[module as keyof typeof moduleHandlers];
      expect(Object.keys(handlers).sort(), module).toEqual(Object.keys(procedures).sort());
    }
  });

  it('no procedure is declared by two modules', () => {
    const all = Object.values(modules).flatMap((p) => Object.keys(p));
    expect(all.length).toBe(new Set(all).size);
    expect(Object.keys(contract).sort()).toEqual([...all].sort());
  });

  it('namespaces belong to one module each, a module’s own name to itself', () => {
    const seen = new Map<string, string>();
    for (const [module, namespaces] of Object.entries(NAMESPACES)) {
      expect(namespaces, module).toContain(module);
      for (const ns of namespaces) {
        expect(seen.get(ns), `${ns} in ${module} and ${seen.get(ns)}`).toBeUndefined();
        seen.set(ns, module);
      }
    }
  });

  it.each(Object.entries(modules).flatMap(([m, p]) => Object.keys(p).map((name) => [name, m])))(
    '%s lives in %s',
    (name, module) => {
      expect(NAMESPACES[module as keyof typeof NAMESPACES]).toContain(prefix(name));
      // The renderer's cache key starts with the same segment (what change events refresh).
      expect(queryKeyOf(name as ProcedureName, {})[0]).toBe(prefix(name));
    },
  );
});
