/**
 * Serves the React clients built into `web/dist` by `npm run build`: the technician wizard
 * (index.html) at `/` and the admin control center (admin.html) at `/admin` and every
 * `/admin/...` address, which the admin client routes itself (so reload and shared links work).
 * Hashed files under /assets/ never change, so browsers may cache them for a year; the pages
 * are revalidated on every load so a new release is picked up at once.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type SecurityHeaders, securityHeaders } from '../security-headers.js';

/** Resolves the same from src/http/routes (tsx, tests) and dist/http/routes (compiled). */
export const WEB_DIST_DIR = path.resolve(import.meta.dirname, '../../../web/dist');

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

const NOT_BUILT_MESSAGE = 'The web client has not been built. Run `npm run build`, then reload this page.';

function notBuiltPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>BYOV Enrollment</title></head>
<body><h1>BYOV Enrollment is not ready</h1><p>The web client has not been built.
Run <code>npm run build</code> (or <code>npm start</code>) on the server, then reload this page.</p></body></html>`;
}

async function sendPage(distDir: string, page: string, request: FastifyRequest, reply: FastifyReply) {
  const built = await access(path.join(distDir, page)).then(
    () => true,
    () => false,
  );
  if (!built) {
    reply.status(503).header('cache-control', 'no-store');
    const wantsHtml = request.headers.accept?.includes('text/html') ?? false;
    if (wantsHtml) return reply.type('text/html; charset=utf-8').send(notBuiltPage());
    return reply.send({ error: { code: 'INTERNAL', message: NOT_BUILT_MESSAGE } });
  }
  reply.header('cache-control', REVALIDATE);
  return reply.sendFile(page, distDir, { cacheControl: false });
}

export async function registerWebRoutes(
  app: FastifyInstance,
  options: { headers?: SecurityHeaders; distDir?: string } = {},
): Promise<void> {
  const distDir = options.distDir ?? WEB_DIST_DIR;
  const { pageCsp, adminCsp } = options.headers ?? securityHeaders('http://127.0.0.1');
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    // index.html is served by the routes below (with its own headers), never by the wildcard.
    index: false,
    wildcard: true,
    cacheControl: false,
    // The build writes .br and .gz beside each text asset; they are sent per Accept-Encoding.
    preCompressed: true,
    setHeaders: (reply, filePath) => {
      const inAssets = path.relative(path.join(distDir, 'assets'), filePath);
      const hashed = !inAssets.startsWith('..') && !path.isAbsolute(inAssets);
      reply.header('cache-control', hashed ? IMMUTABLE : REVALIDATE);
    },
  });
  // `/?resume=CODE` is the same route: the query string does not change the match.
  for (const url of ['/', '/index.html']) {
    app.get(url, { helmet: { contentSecurityPolicy: pageCsp } }, (request, reply) =>
      sendPage(distDir, 'index.html', request, reply),
    );
  }
  // `/admin/setup?token=…`, `/admin/enrollments/<id>` and the rest are the admin client's routes.
  for (const url of ['/admin', '/admin/*']) {
    app.get(url, { helmet: { contentSecurityPolicy: adminCsp } }, (request, reply) =>
      sendPage(distDir, 'admin.html', request, reply),
    );
  }
}
