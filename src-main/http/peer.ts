import type { FastifyRequest } from 'fastify';
import { AppError } from '../../src-shared/errors';
import { msg } from '../../src-shared/i18n';
import type { App } from '../app';
import { type DeviceSeen, deviceCookie, deviceTokenFrom } from '../modules/auth/devices';
import { isLoopback } from './hosts';
import { sendAppError } from './reply';

/**
 * Who is on the other end of a request, as the LAN server decides what it may do: the socket's
 * address (`trustProxy` is off, so never a header), unless the code that built the server gave a
 * `peerAddress` function. Production never does; the browser test of device approval does, to
 * make one browser context look like a phone on the shop network while every connection still
 * goes to 127.0.0.1. It cannot be switched on from the network or the environment.
 */
export type PeerAddress = (request: FastifyRequest) => string;

interface Marked {
  balcaoPeer?: string;
  balcaoDevice?: DeviceSeen | null;
}

export function peerOf(request: FastifyRequest): string {
  return (request as FastifyRequest & Marked).balcaoPeer ?? request.ip;
}

export function deviceOf(request: FastifyRequest): DeviceSeen | null {
  return (request as FastifyRequest & Marked).balcaoDevice ?? null;
}

/** Paths any device may ask without approval: the UI itself (it shows the waiting page), health, the update mirror. */
function openPath(pathname: string): boolean {
  if (pathname === '/api/health' || pathname.startsWith('/updates/')) return true;
  return !pathname.startsWith('/api/') && pathname !== '/ws' && !pathname.startsWith('/ws/');
}

/**
 * Device approval, in the server's `onRequest` hook: a request from another address (not this
 * computer) reaches the API and the WebSocket only from a device an admin approved, unless the
 * admin turned approval off. `GET /api/devices/self` is where an unknown browser gets its device
 * cookie and short code. Returns true when it answered (refused) the request.
 */
export async function deviceGate(
  app: App,
  request: FastifyRequest,
  reply: import('fastify').FastifyReply,
  peerAddress: PeerAddress | undefined,
): Promise<boolean> {
  const peer = peerAddress ? peerAddress(request) : request.ip;
  const marked = request as FastifyRequest & Marked;
  marked.balcaoPeer = peer;
  if (isLoopback(peer)) return false;
  const pathname = request.url.split('?')[0] ?? '';
  if (pathname === '/api/health' || pathname.startsWith('/updates/')) return false;
  const devices = app.services.devices;
  if (!(await devices.network()).deviceApproval) return false;
  const token = deviceTokenFrom(request.headers.cookie);
  let device = token ? await devices.find(token, { address: peer }) : null;
  if (!device && pathname === '/api/devices/self' && request.method === 'GET') {
    const made = await devices.register({ address: peer, userAgent: request.headers['user-agent'] });
    reply.header('Set-Cookie', deviceCookie(made.token));
    device = made.device;
  }
  marked.balcaoDevice = device;
  if (openPath(pathname) || pathname === '/api/devices/self' || device?.status === 'approved') return false;
  const message =
    device?.status === 'pending'
      ? msg('devices.pending', { code: device.code })
      : device?.status === 'revoked'
        ? msg('devices.revoked')
        : msg('devices.unknown');
  sendAppError(reply, new AppError('FORBIDDEN', message));
  return true;
}
