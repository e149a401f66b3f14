import os from 'node:os';
import QRCode from 'qrcode';
import type { Db } from '../../db/connection';
import { getSetting } from './service';

/** The `network` setting: how the core listens, whether LAN devices need approval, and where updates come from. */
export interface NetworkSettings {
  /** `local`: this computer only (127.0.0.1); `lan`: every interface (the shop network). */
  mode: 'local' | 'lan';
  /** A browser from another address must be approved by an admin before it sees the login. */
  deviceApproval: boolean;
  /** Release manifest URL overriding the build's (null: the build's). */
  updateUrl: string | null;
  updateChannel: 'stable' | 'beta';
}

export const DEFAULT_NETWORK: NetworkSettings = {
  mode: 'lan',
  deviceApproval: true,
  updateUrl: null,
  updateChannel: 'stable',
};

export async function readNetworkSettings(db: Db): Promise<NetworkSettings> {
  const stored = await getSetting<Partial<NetworkSettings>>(db, 'network');
  return { ...DEFAULT_NETWORK, ...(stored ?? {}) };
}

/** The address the LAN server binds for a mode: every interface, or loopback only. */
export function hostForMode(mode: NetworkSettings['mode']): string {
  return mode === 'lan' ? '0.0.0.0' : '127.0.0.1';
}

export interface LanAddress {
  interface: string;
  address: string;
  url: string;
  qrSvg: string;
}

type Interfaces = ReturnType<typeof os.networkInterfaces>;

/**
 * This computer's IPv4 addresses a phone or PC on the shop network can reach (no loopback, no
 * link-local 169.254.x), each with the URL to open and its QR code.
 */
export async function lanAddresses(
  port: number,
  interfaces: Interfaces = os.networkInterfaces(),
): Promise<LanAddress[]> {
  const out: LanAddress[] = [];
  for (const [name, list] of Object.entries(interfaces)) {
    for (const net of list ?? []) {
      if (net.family !== 'IPv4' || net.internal || net.address.startsWith('169.254.')) continue;
      const url = `http://${net.address}:${port}/`;
      const qrSvg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      out.push({ interface: name, address: net.address, url, qrSvg });
    }
  }
  return out;
}
