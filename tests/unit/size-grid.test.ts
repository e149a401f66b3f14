import { describe, expect, it } from 'vitest';
import { pickTemplate } from '../../src-shared/domain/ficha-templates';
import { parseNames, parseSizeGrid, sizeGridTotal, sortSizes } from '../../src-shared/domain/size-grid';

describe('a size grid pasted from a spreadsheet', () => {
  it('reads one size per line (tab, ";" or spaces), adds repeated sizes and sorts them as shops do', () => {
    expect(parseSizeGrid('GG\t4\r\nP\t3\nm\t5\nP;2\n')).toEqual([
      { size: 'P', quantity: 5 },
      { size: 'M', quantity: 5 },
      { size: 'GG', quantity: 4 },
    ]);
    expect(parseSizeGrid('XG 2\nPP 1')).toEqual([
      { size: 'PP', quantity: 1 },
      { size: 'XG', quantity: 2 },
    ]);
  });

  it('reads a header row of sizes over a row of quantities, leaving zeros out', () => {
    const grid = parseSizeGrid('PP\tP\tM\tG\tGG\n0\t2\t6\t3\t1');
    expect(grid).toEqual([
      { size: 'P', quantity: 2 },
      { size: 'M', quantity: 6 },
      { size: 'G', quantity: 3 },
      { size: 'GG', quantity: 1 },
    ]);
    expect(sizeGridTotal(grid ?? [])).toBe(12);
  });

  it('says it is not a grid rather than guessing', () => {
    expect(parseSizeGrid('P\tdez')).toBeNull();
    expect(parseSizeGrid('só texto')).toBeNull();
    expect(parseSizeGrid('')).toBeNull();
  });

  it('keeps sizes it does not know after the usual ones', () => {
    expect(sortSizes([{ size: '16' }, { size: 'G' }, { size: 'PP' }]).map((s) => s.size)).toEqual(['PP', 'G', '16']);
  });
});

describe('names and numbers pasted from a spreadsheet', () => {
  it('reads name, number and size per line, skipping a header', () => {
    expect(parseNames('Nome\tNúmero\tTamanho\nZé Ávila\t10\tm\nJoana;7\n\n\t\n')).toEqual([
      { name: 'Zé Ávila', number: '10', size: 'M' },
      { name: 'Joana', number: '7' },
    ]);
  });
});

describe('the template an item gets', () => {
  const templates = [
    { id: 1, name: 'Geral', productionTypes: [], isDefault: true },
    { id: 2, name: 'Lona (cópia)', productionTypes: ['lona'], isDefault: false },
    { id: 3, name: 'Lona', productionTypes: ['Lona', 'banner'], isDefault: true },
  ];
  it("is the default listing the item's type, else any listing it, else the default for every type", () => {
    expect(pickTemplate(templates, 'lona')?.id).toBe(3);
    expect(pickTemplate(templates, 'banner')?.id).toBe(3);
    expect(pickTemplate(templates.slice(0, 2), 'lona')?.id).toBe(2);
    expect(pickTemplate(templates, 'caneca')?.id).toBe(1);
    expect(pickTemplate(templates, null)?.id).toBe(1);
    expect(pickTemplate([], 'lona')).toBeNull();
  });
});
