import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Backend } from '../backend';
import { channelOf, readJsonInput, sendJson } from '../http-json';
import { CONTENT_SECURITY_POLICY, contentTypeFor, resolveInside } from '../static-files';

/**
 * Development and test host: serves the built renderer and answers `POST /api/<channel>` from
 * the same handler registry as Electron's IPC. Loopback only, a per-run token, and no foreign
 * Host or Origin, so another site open in the same browser cannot reach the data.
 */
export interface BrowserHostOptions {
  backend: Backend;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { backend, rendererDir } = options;
  let port = 0;
  const streams = new Set<http.ServerResponse>();
  const unsubscribe = backend.events.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of streams) res.write(frame);
  });

  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!allowedHosts().includes(req.headers.host ?? ''))
      return sendJson(res, 421, { error: 'This host only answers on 127.0.0.1.' });
    const origin = req.headers.origin;
    if (origin && !allowedHosts().some((h) => origin === `http://${h}`))
      return sendJson(res, 403, { error: 'Foreign origin refused.' });

    if (url.pathname.startsWith('/api/')) {
      const supplied = (req.headers['x-tpd-token'] as string | undefined) ?? url.searchParams.get('token') ?? '';
      if (!sameSecret(supplied, token))
        return sendJson(res, 401, { error: 'Missing or wrong token: open the URL the host printed.' });

      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'Use POST.' });
      const body = await readJsonInput(req, res);
      if (!body) return;
      return sendJson(res, 200, await backend.dispatch(channelOf(url.pathname), body.input));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'Method not allowed.' });
    const file = resolveInside(rendererDir, url.pathname === '/' ? 'index.html' : url.pathname);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('Not found');
    }
    res.writeHead(200, {
      'content-type': contentTypeFor(file),
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function defaultRendererDir(projectRoot: string): string {
  return path.join(projectRoot, 'out', 'renderer');
}
