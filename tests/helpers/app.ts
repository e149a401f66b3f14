import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../src-main/app';
import { type ManualClock, manualClock } from '../../src-main/clock';
import { type Core, startCore } from '../../src-main/core';
import type { Role } from '../../src-shared/permissions';

export const ADMIN = { name: 'Ana Administradora', username: 'ana', password: 'senha-forte-123' };

export function tempDir(prefix = 'balcao-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A fresh app on a real SQLite file in a temp folder, with a clock frozen at a known instant. */
export async function makeApp(start = '2026-11-24T13:00:00Z'): Promise<{ app: App; clock: ManualClock; dir: string }> {
  const dir = tempDir();
  const clock = manualClock(start);
  const app = await createApp({ dataDir: dir, clock });
  return { app, clock, dir };
}

/** Runs first-run setup and returns the admin's token. */
export async function setupAdmin(app: App): Promise<string> {
  const out = (await app.call('setup.run', { companyName: 'Gráfica Exemplo', admin: ADMIN })) as { token: string };
  return out.token;
}

/** Creates a user of a role (bypassing bcrypt for speed) and a session for them. */
export async function userWithRole(
  app: App,
  role: Role,
  username: string = `u_${role}`,
): Promise<{ id: number; token: string }> {
  const now = app.clock.nowIso();
  const row = await app.db
    .insertInto('users')
    .values({
      username,
      name: `Usuário ${role}`,
      role,
      password_hash: '$2b$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinv',
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { token } = await app.services.sessions.create(app.db, row.id, {});
  return { id: row.id, token };
}

/** A digest of every row of every table: equal digests mean the database did not change. */
export function databaseDigest(app: App): string {
  const sqlite = app.database.sqlite;
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as Array<{ name: string }>;
  return tables
    .map(({ name }) => `${name}:${JSON.stringify(sqlite.prepare(`select * from "${name}"`).raw().all())}`)
    .join('\n');
}

/** The real LAN server on 127.0.0.1 with a free port and a real SQLite file. */
export async function startTestCore(
  opts: { clock?: ManualClock; pingIntervalMs?: number } = {},
): Promise<Core & { dir: string }> {
  const dir = tempDir();
  const core = await startCore({
    dataDir: dir,
    host: '127.0.0.1',
    port: 0,
    rendererDir: null,
    jobs: false,
    ...(opts.clock && { clock: opts.clock }),
    ...(opts.pingIntervalMs && { pingIntervalMs: opts.pingIntervalMs }),
  });
  return Object.assign(core, { dir });
}

/** Small fetch wrapper for the JSON API. */
export function api(baseUrl: string, token?: string) {
  return async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(token && { authorization: `Bearer ${token}` }),
        ...headers,
      },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    // biome-ignore lint/suspicious/noExplicitAny: test helper returns loosely typed JSON
    return { status: res.status, body: json as any, headers: res.headers };
  };
}

/** Valid CPFs/CNPJs for fixtures. */
export const CPF_JOAO = '529.982.247-25';
export const CPF_MARIA = '111.444.777-35';
export const CNPJ_GRAFICA = '11.222.333/0001-81';
