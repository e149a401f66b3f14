import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  user: string | null;
}

/** A real SMTP server on 127.0.0.1 (the `smtp-server` package), without TLS, keeping every message it accepts. */
export class TestSmtp {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Closing does not wait for the app's pooled connections.
      closeTimeout: 50,
      onAuth: (auth, _session, cb) => cb(null, { user: auth.username }),
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
            user: typeof session.user === 'string' ? session.user : null,
          });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this.port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The messages settings that point the app's SMTP at a test server. */
export function smtpSettings(port: number, extra: { user?: string; password?: string } = {}) {
  return {
    smtp: {
      host: '127.0.0.1',
      port,
      tls: 'none' as const,
      user: extra.user ?? '',
      ...(extra.password !== undefined && { password: extra.password }),
      fromName: 'Gráfica Exemplo',
      fromAddress: 'loja@grafica.test',
    },
  };
}

/**
 * The same kind of SMTP server in a worker thread, as a real one would be: its parsing does not
 * share the app's event loop (load tests). It counts the messages and their recipients.
 */
export async function startSmtpWorker(): Promise<{
  port: number;
  recipients(): Promise<string[]>;
  stop(): Promise<void>;
}> {
  const { Worker } = await import('node:worker_threads');
  const { createRequire } = await import('node:module');
  const smtpServerPath = createRequire(import.meta.url).resolve('smtp-server');
  const code = `
    const { parentPort } = require('node:worker_threads');
    const { SMTPServer } = require(${JSON.stringify(smtpServerPath)});
    const recipients = [];
    const server = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false, closeTimeout: 50,
      onData(stream, session, cb) { stream.on('data', () => {}); stream.on('end', () => { recipients.push(...session.envelope.rcptTo.map((r) => r.address)); cb(); }); },
    });
    server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.server.address().port }));
    parentPort.on('message', (m) => { if (m === 'count') parentPort.postMessage({ recipients }); });
  `;
  const worker = new Worker(code, { eval: true });
  const next = <T>() => new Promise<T>((resolve) => worker.once('message', resolve));
  const { port } = await next<{ port: number }>();
  return {
    port,
    recipients: async () => {
      const answer = next<{ recipients: string[] }>();
      worker.postMessage('count');
      return (await answer).recipients;
    },
    stop: async () => {
      await worker.terminate();
    },
  };
}
