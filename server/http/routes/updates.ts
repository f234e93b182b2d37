import fs from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteModule } from '../types';

/**
 * What electron-builder writes for the generic update provider: the channel files
 * (latest.yml, latest-mac.yml, latest-linux.yml…), the installers (.exe, .dmg, .AppImage, .deb),
 * macOS's update archive (.zip) and the .blockmap files used for differential downloads. Plain
 * names only: no folders, nothing hidden, nothing else that might sit in the folder.
 */
const UPDATE_FILE = /^(?:latest(?:-[a-z0-9]+)*\.yml|[A-Za-z0-9][A-Za-z0-9._-]*\.(?:exe|dmg|zip|AppImage|deb|blockmap))$/;

export function isUpdateFileName(name: string): boolean {
  return name.length <= 200 && UPDATE_FILE.test(name) && !name.includes('..');
}

const params = z.object({ file: z.string().max(400) });

/**
 * GET /updates/:file: the desktop app's auto-update feed, read from UPDATES_DIR (default
 * `<DATA_DIR>/updates`). Public, like any download page: installers hold no secrets. Single
 * byte ranges are served (electron-updater's differential download asks for them).
 */
export const updateRoutes: RouteModule = (app, ctx) => {
  const root = ctx.config.updatesDir;
  void app.register(async (scope) => {
    await scope.register(fastifyStatic, { root, serve: false, suppressWarning: true, index: false, dotfiles: 'deny' });
    scope.withTypeProvider<ZodTypeProvider>().get('/updates/:file', { schema: { hide: true, params } }, async (req, reply) => {
      const name = req.params.file;
      const notFound = (why: string) => reply.status(404).send({ error: { code: 'not_found', message: `No update file "${name}": ${why}.` } });
      if (!isUpdateFileName(name)) return notFound('only latest*.yml, installers (.exe, .dmg, .zip, .AppImage, .deb) and .blockmap files are served here');
      const stat = await fs.stat(path.join(root, name)).catch(() => null);
      if (!stat?.isFile()) return notFound('it is not in the update folder (upload the files npm run dist wrote to dist/)');
      // The channel files change with every release; the installers keep their versioned names.
      const maxAge = name.endsWith('.yml') ? 0 : 3600_000;
      void reply.header('x-content-type-options', 'nosniff');
      return reply.sendFile(name, root, { maxAge, cacheControl: true, acceptRanges: true, dotfiles: 'deny' });
    });
  });
};
