import fs from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../src-shared/errors';
import { msg } from '../../src-shared/i18n';
import type { App } from '../app';
import { mediaPaths } from '../modules/orders/images';
import { fileAccess } from './reply';

export const MEDIA_ROUTES = [
  {
    path: '/api/media/:id',
    permission: 'authenticated',
    summary: 'Imagem anexada a um item (JPEG, PNG ou WebP).',
    mime: 'image/*',
  },
  {
    path: '/api/media/:id/thumb',
    permission: 'authenticated',
    summary: 'Miniatura da imagem (WebP, até 320 px).',
    mime: 'image/webp',
  },
];

/**
 * `/api/media/:id` and `/api/media/:id/thumb`: images for logged-in users only. An `<img>` cannot
 * send headers, so it uses a signed link from `files.link` (never `?token=`). Ids are SHA-256 hex, checked before any
 * path is built, so nothing outside the media folder can be named.
 */
export function registerMedia(server: FastifyInstance, app: App): void {
  const serve = async (request: FastifyRequest, thumb: boolean) => {
    await fileAccess(request, app);
    const { id } = request.params as { id: string };
    const paths = mediaPaths(app.services.mediaDir, id);
    const row = await app.db.selectFrom('media').select(['mime']).where('id', '=', id).executeTakeFirst();
    const file = thumb ? paths.thumb : paths.file;
    if (!row || !fs.existsSync(file)) throw new AppError('NOT_FOUND', msg('media.notFound'));
    return { stream: fs.createReadStream(file), mime: thumb ? 'image/webp' : row.mime };
  };
  server.get('/api/media/:id', async (request, reply) => {
    const { stream, mime } = await serve(request, false);
    return reply.type(mime).header('Cache-Control', 'private, max-age=31536000, immutable').send(stream);
  });
  server.get('/api/media/:id/thumb', async (request, reply) => {
    const { stream, mime } = await serve(request, true);
    return reply.type(mime).header('Cache-Control', 'private, max-age=31536000, immutable').send(stream);
  });
}
