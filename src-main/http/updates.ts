import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { msg } from '../../src-shared/i18n';
import { sendError } from './reply';

/**
 * The update mirror: the main PC keeps the latest installer and its `latest.yml` in a folder
 * (`<userData>/updates`, filled by the desktop shell after a download) and serves them at
 * `/updates/<name>`, so client-mode PCs update from it without internet (electron-updater's generic
 * provider pointed at `http://<main PC>:<port>/updates/`). Only plain file names directly in that
 * folder: no sub-folders, no `..`, no absolute or encoded paths, no hidden files, no symlink out.
 */

/** A plain file name: letters, digits, space, `.`, `_`, `-`; not starting with a dot. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,199}$/;

export function safeUpdateName(name: string): boolean {
  return SAFE_NAME.test(name) && !name.includes('..');
}

/** Content type by extension: the manifest is YAML, installers and blockmaps are bytes. */
export function updateContentType(name: string): string {
  const ext = path.extname(name).toLowerCase();
  if (ext === '.yml' || ext === '.yaml') return 'text/yaml; charset=utf-8';
  if (ext === '.json') return 'application/json; charset=utf-8';
  return 'application/octet-stream';
}

/**
 * The manifest (`latest*.yml`) must be asked again every time (it names the newest version);
 * installers and blockmaps carry their version in their name and may be cached for a day.
 */
export function updateCacheControl(name: string): string {
  return /\.ya?ml$/i.test(name) ? 'no-cache' : 'public, max-age=86400';
}

export function registerUpdateMirror(server: FastifyInstance, dir: string): void {
  const root = path.resolve(dir);
  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = (request.url.split('?')[0] ?? '').slice('/updates/'.length);
    let name: string;
    try {
      name = decodeURIComponent(raw);
    } catch {
      return sendError(reply, 404, { code: 'NOT_FOUND', message: msg('updates.notFound') });
    }
    // The raw path must already be a plain name: encoded dots, slashes, backslashes and NUL are refused as such.
    if (!safeUpdateName(name) || /%(2e|2f|5c|00)/i.test(raw) || raw.includes('/'))
      return sendError(reply, 404, { code: 'NOT_FOUND', message: msg('updates.notFound') });
    const file = path.join(root, name);
    let stat: fs.Stats;
    let real: string;
    try {
      real = await fs.promises.realpath(file);
      stat = await fs.promises.stat(real);
    } catch {
      return sendError(reply, 404, { code: 'NOT_FOUND', message: msg('updates.notFound') });
    }
    const realRoot = await fs.promises.realpath(root).catch(() => root);
    if (path.dirname(real) !== realRoot || !stat.isFile())
      return sendError(reply, 404, { code: 'NOT_FOUND', message: msg('updates.notFound') });
    reply
      .header('Content-Type', updateContentType(name))
      .header('Content-Length', String(stat.size))
      .header('Cache-Control', updateCacheControl(name))
      .header('Last-Modified', stat.mtime.toUTCString())
      .header('Content-Disposition', `attachment; filename="${name}"`);
    // For HEAD, Node writes the headers and drops the body.
    return reply.send(fs.createReadStream(real));
  };
  // Fastify answers HEAD from this GET route too (headers, no body).
  server.get('/updates/*', serve);
}
