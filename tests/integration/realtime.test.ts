import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core';
import type { PresenceMessage } from '../../src-shared/contract/bridge';
import { api, setupAdmin, startTestCore, userWithRole } from '../helpers/app';
import { connectWs } from '../helpers/ws';

describe('presence and keep-alive on the WebSocket', () => {
  let core: Core;
  let ana: string;
  let bia: string;
  beforeAll(async () => {
    core = await startTestCore({ pingIntervalMs: 100 });
    ana = await setupAdmin(core.app);
    bia = (await userWithRole(core.app, 'vendedor', 'bia')).token;
  });
  afterAll(() => core.stop());

  it('others see who is editing an order, and it clears when they stop or leave', async () => {
    const watcher = await connectWs(core.url, bia);
    const editor = await connectWs(core.url, ana);
    const isPresence = (users: number) => (m: { kind: string }) =>
      m.kind === 'presence' && (m as PresenceMessage).id === 123 && (m as PresenceMessage).users.length === users;
    editor.socket.send(JSON.stringify({ kind: 'presence', entity: 'order', id: 123 }));
    const seen = (await watcher.waitFor(isPresence(1))) as PresenceMessage;
    expect(seen.users[0]?.name).toBe('Ana Administradora');

    const late = await connectWs(core.url, bia); // a client that connects later gets the current state
    await late.waitFor(isPresence(1));

    editor.socket.send(JSON.stringify({ kind: 'presence', entity: 'order', id: null }));
    watcher.messages.length = 0;
    await watcher.waitFor(isPresence(0));

    editor.socket.send(JSON.stringify({ kind: 'presence', entity: 'order', id: 123 }));
    await watcher.waitFor(isPresence(1));
    watcher.messages.length = 0;
    editor.close();
    await watcher.waitFor(isPresence(0));
    watcher.close();
    late.close();
  });

  it('a notification event reaches only the user it is for', async () => {
    const anaWs = await connectWs(core.url, ana);
    const biaWs = await connectWs(core.url, bia);
    const anaId = (await api(core.url, ana)('GET', '/api/auth/me')).body.user.id as number;
    core.app.events.publish({ type: 'notification.created', id: anaId, version: null, by: null });
    core.app.events.publish({ type: 'customer.updated', id: 1, version: 2, by: null });
    await anaWs.waitFor((m) => m.kind === 'event' && m.event.type === 'notification.created');
    await biaWs.waitFor((m) => m.kind === 'event' && m.event.type === 'customer.updated');
    expect(biaWs.messages.some((m) => m.kind === 'event' && m.event.type === 'notification.created')).toBe(false);
    anaWs.close();
    biaWs.close();
  });

  it('drops a client that stops answering pings', async () => {
    const { port } = new URL(core.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.write(
      `GET /ws?token=${ana} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    const head = await new Promise<string>((r) => socket.once('data', (d) => r(String(d))));
    expect(head).toMatch(/^HTTP\/1.1 101/);
    // This raw client never answers the server's pings.
    const closedAfter = await new Promise<number>((resolve) => {
      const t0 = Date.now();
      socket.once('close', () => resolve(Date.now() - t0));
    });
    expect(closedAfter).toBeLessThan(2000);
  });

  it('a live client stays connected across many ping intervals', async () => {
    const client = await connectWs(core.url, bia);
    await new Promise((r) => setTimeout(r, 600));
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    const created = await api(core.url, ana)('POST', '/api/customers', { name: 'Ainda Conectado' });
    await client.waitFor((m) => m.kind === 'event' && m.event.id === created.body.id);
    client.close();
  });
});
