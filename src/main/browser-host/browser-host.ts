import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Backend } from '../backend';
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

const MAX_BODY_BYTES = 25 * 1024 * 1024;
/** What is read and thrown away after refusing a body, so the client sees the 413 rather than a reset. */
const MAX_DISCARDED_BYTES = 4 * MAX_BODY_BYTES;

class BodyTooLarge extends Error {}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The request body as text, or BodyTooLarge as soon as it is known to exceed the limit: from its
 * Content-Length before reading anything, or while reading one sent without. What is held is never
 * more than the limit.
 */
function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      chunks.length = 0;
      req.off('data', onData);
      reject(new BodyTooLarge());
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Answers 413 at once and reads the rest of the body to throw it away (up to MAX_DISCARDED_BYTES; a
 * client that sends more is cut off). Closing the connection with the body unread would make the
 * kernel send a reset, which the client sees instead of the answer.
 */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BYTES) req.destroy();
  });
  req.resume();
  sendJson(res, 413, {
    ok: false,
    error: { code: 'invalid_input', message: 'The request is too large.' },
  });
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
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body === '' ? undefined : JSON.parse(body);
      } catch (error) {
        if (error instanceof BodyTooLarge) return refuseTooLarge(req, res);
        return sendJson(res, 400, {
          ok: false,
          error: { code: 'invalid_input', message: 'The request was not valid JSON.' },
        });
      }
      let channel = url.pathname.slice('/api/'.length);
      try {
        channel = decodeURIComponent(channel);
      } catch {
        // A malformed escape names no channel; dispatch answers unknown_channel rather than the host crashing.
      }
      return sendJson(res, 200, await backend.dispatch(channel, input));
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
