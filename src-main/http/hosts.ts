import os from 'node:os';

/** `Host` header → the bare name or address, lowercased: `[::1]:8787` → `::1`, `Loja.local.:80` → `loja.local`. */
export function hostName(header: string): string {
  let host = header.trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    host = end > 0 ? host.slice(1, end) : host;
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && host.indexOf(':') === colon) host = host.slice(0, colon);
  }
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase().replace(/^::ffff:/, '');
  return a === '::1' || a === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** `BALCAO_ALLOWED_HOSTS=balcao.loja,192.168.0.10` → names. */
export function parseAllowedHosts(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
    .map(hostName);
}

function machineNames(): Set<string> {
  const names = new Set<string>();
  const hostname = os.hostname().toLowerCase();
  if (hostname) {
    names.add(hostname);
    names.add(`${hostname}.local`);
    const short = hostname.split('.')[0];
    if (short) {
      names.add(short);
      names.add(`${short}.local`);
    }
  }
  for (const list of Object.values(os.networkInterfaces())) {
    for (const net of list ?? []) names.add(net.address.toLowerCase().replace(/%.*$/, ''));
  }
  return names;
}

/**
 * Which `Host` headers the server answers: loopback names, this machine's name and addresses, and the
 * configured ones. Anything else is a page on another site reaching the server through a name
 * that resolves here (DNS rebinding) and is refused. A request without `Host` is not from a browser.
 */
export function hostChecker(configured: string[]): (header: string | undefined) => boolean {
  let known = machineNames();
  let readAt = Date.now();
  const extra = new Set(configured);
  return (header) => {
    if (header === undefined || header === '') return true;
    const name = hostName(header);
    if (isLoopback(name) || extra.has(name) || known.has(name)) return true;
    // The network may have changed (DHCP, Wi-Fi): read the addresses again, at most every 5 s.
    if (Date.now() - readAt < 5000) return false;
    known = machineNames();
    readAt = Date.now();
    return known.has(name);
  };
}

/**
 * The address the shop's other devices reach this server at: the listening address, or, when it
 * listens on every interface, this computer's first IPv4 address on the network (loopback when it
 * has none). `BALCAO_PUBLIC_URL` overrides it (a name the shop's router gives this computer).
 */
export function lanBaseUrl(
  host: string,
  port: number,
  env: string | undefined = process.env.BALCAO_PUBLIC_URL,
): string {
  if (env?.trim()) return env.trim().replace(/\/+$/, '');
  let address = host;
  if (host === '0.0.0.0' || host === '::' || host === '') {
    address = '127.0.0.1';
    for (const list of Object.values(os.networkInterfaces())) {
      const found = (list ?? []).find((n) => n.family === 'IPv4' && !n.internal);
      if (found) {
        address = found.address;
        break;
      }
    }
  }
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}
