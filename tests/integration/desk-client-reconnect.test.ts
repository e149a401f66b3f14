import { describe, expect, it } from 'vitest';
import { startCore } from '../../src-main/core';
import { type ConnectionState, createReconnector, healthProbe, versionSkew } from '../../src-main/electron/client-mode';
import { tempDir } from '../helpers/app';

/**
 * Client mode's reconnect logic against the real core on 127.0.0.1: online while the main PC
 * answers, "sem conexão…" when it stops, back online by itself when it starts again on the same
 * address — never giving up.
 */
describe('client mode reconnects to the main PC by itself', () => {
  it('online → offline when the server stops → online again when it starts', async () => {
    const dataDir = tempDir();
    let core = await startCore({ dataDir, host: '127.0.0.1', port: 0, rendererDir: null, jobs: false });
    const port = core.port;
    const origin = `http://127.0.0.1:${port}`;
    const states: ConnectionState[] = [];
    const waitFor = async (phase: ConnectionState['phase'], after = 0) => {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const found = states.slice(after).find((s) => s.phase === phase);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`não chegou a ${phase}: ${JSON.stringify(states)}`);
    };
    const reconnector = createReconnector({
      origin,
      probe: healthProbe(1000),
      onState: (s) => states.push(s),
      delaysMs: [50, 100, 200],
      watchMs: 100,
    });
    try {
      reconnector.start();
      const online = await waitFor('online');
      expect(online).toEqual({ phase: 'online', version: core.app.services.version });
      expect(versionSkew(core.app.services.version, (online as { version: string }).version)).toEqual({ kind: 'same' });

      await core.stop();
      const mark = states.length;
      const offline = await waitFor('offline', mark);
      expect(offline).toMatchObject({ phase: 'offline', attempt: 1, retryInMs: 50 });
      // It keeps trying, with growing delays.
      await new Promise((r) => setTimeout(r, 400));
      const attempts = states.slice(mark).filter((s) => s.phase === 'offline');
      expect(attempts.length).toBeGreaterThanOrEqual(2);
      expect((attempts[1] as { retryInMs: number }).retryInMs).toBe(100);

      core = await startCore({ dataDir, host: '127.0.0.1', port, rendererDir: null, jobs: false });
      const back = states.length;
      await waitFor('online', back);
      expect(reconnector.state.phase).toBe('online');
    } finally {
      reconnector.stop();
      await core.stop();
    }
  });

  it('lost() from the window probes at once instead of waiting for the next watch', async () => {
    const probes: string[] = [];
    const reconnector = createReconnector({
      origin: 'http://127.0.0.1:9',
      probe: async (o) => {
        probes.push(o);
        return { ok: false, reason: 'ECONNREFUSED' };
      },
      onState: () => {},
      delaysMs: [60_000],
    });
    reconnector.start();
    await new Promise((r) => setTimeout(r, 20));
    reconnector.lost('did-fail-load');
    await new Promise((r) => setTimeout(r, 20));
    reconnector.stop();
    expect(probes).toHaveLength(2);
    expect(reconnector.state).toMatchObject({ phase: 'offline', reason: 'ECONNREFUSED' });
  });
});
