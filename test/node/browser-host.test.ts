import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../src/main/browser-host/browser-host';
import { CONTENT_SECURITY_POLICY, contentTypeFor, resolveInside } from '../../src/main/static-files';
import type { Trainee } from '../../src/shared/trainees/trainee-schema';
import { createTempBackend, fileAsBase64, FIXTURES_DIR, tempDir, type TempBackend } from '../support/temp-backend';
import { traineeInput } from './helpers';

const INDEX_HTML = '<!doctype html><title>TPD Companion</title><p>renderer-index-marker</p>';
const SECRET = 'top-secret-outside-the-renderer';

let backend: TempBackend;
let host: BrowserHost;
let root: string;
let rendererDir: string;

beforeEach(async () => {
  backend = await createTempBackend();
  root = tempDir('tpd-host-');
  rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  fs.writeFileSync(path.join(root, 'secret.txt'), SECRET);
  host = await startBrowserHost({ backend, rendererDir, port: 0 });
});
afterEach(async () => {
  await host.close();
  await backend.close();
});

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with the path and headers exactly as given (fetch would normalise `..` and forbid Host). */
function raw(options: {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function api(
  channel: string,
  input: unknown,
  headers: Record<string, string> = { 'x-tpd-token': host.token },
): Promise<RawResponse> {
  return raw({
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'content-type': 'application/json', ...headers },
    body: input === undefined ? '' : JSON.stringify(input),
  });
}

describe('starting', () => {
  it('listens on loopback on a random port and prints a URL carrying the token', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(24);
  });

  it('makes a different token each run unless one is given', async () => {
    const other = await startBrowserHost({ backend, rendererDir, port: 0 });
    const fixed = await startBrowserHost({ backend, rendererDir, port: 0, token: 'chosen-token' });
    try {
      expect(other.token).not.toBe(host.token);
      expect(other.port).not.toBe(host.port);
      expect(fixed.token).toBe('chosen-token');
    } finally {
      await other.close();
      await fixed.close();
    }
  });
});

describe('static files', () => {
  it('serves index.html at / with the content security policy', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(INDEX_HTML);
  });

  it('serves assets with their type and answers 404 for what is not there', async () => {
    const js = await fetch(`http://127.0.0.1:${host.port}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await raw({ path: '/assets/missing.js' })).status).toBe(404);
    expect((await raw({ path: '/assets' })).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/../../secret.txt',
    '/../../etc/passwd',
    '/../../../../../../etc/passwd',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/..%2f..%2fetc/passwd',
    '/..%5csecret.txt',
    '/%2fetc%2fpasswd',
    '//etc/passwd',
    '/assets/..%2f..%2fsecret.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('never serves a file outside the renderer folder for %s', async (p) => {
    const res = await raw({ path: p });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain('root:');
  });

  it('refuses methods other than GET and HEAD for files', async () => {
    expect((await raw({ method: 'PUT', path: '/index.html', body: 'x' })).status).toBe(405);
    expect((await raw({ method: 'DELETE', path: '/index.html' })).status).toBe(405);
    expect(fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8')).toBe(INDEX_HTML);
  });
});

describe('the API', () => {
  it('answers POST /api/<channel> with the token from the handler registry', async () => {
    const res = await api('trainees:list', {});
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toEqual({ ok: true, data: [] });
  });

  it('reaches the real services and database', async () => {
    const created = JSON.parse((await api('trainees:create', traineeInput())).body) as { ok: true; data: Trainee };
    expect(created.ok).toBe(true);
    const listed = JSON.parse((await api('trainees:list', undefined)).body) as { ok: true; data: Trainee[] };
    expect(listed.data.map((t) => t.id)).toEqual([created.data.id]);
    expect(await backend.store.db.selectFrom('trainees').select('family_name').execute()).toEqual([
      { family_name: 'Quaresma' },
    ]);
  });

  it('passes error envelopes through unchanged', async () => {
    const invalid = JSON.parse((await api('trainees:create', traineeInput({ gmcNumber: '123' }))).body);
    expect(invalid).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'GMC number must be exactly 7 digits',
        fields: { gmcNumber: 'GMC number must be exactly 7 digits' },
      },
    });
    const unknown = JSON.parse((await api('trainees:explode', {})).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { 'x-tpd-token': 'wrong' }],
    ['an empty token', { 'x-tpd-token': '' }],
  ])('refuses a request with %s (401) and runs nothing', async (_label, headers) => {
    const res = await api('trainees:create', traineeInput(), headers);
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('"ok":true');
    expect(await backend.store.db.selectFrom('trainees').selectAll().execute()).toEqual([]);
  });

  it('refuses a token that differs only in its last character', async () => {
    const nearly = host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A');
    expect((await api('trainees:list', {}, { 'x-tpd-token': nearly })).status).toBe(401);
  });

  it('refuses a foreign Host header with 421, even with the right token (DNS rebinding)', async () => {
    const res = await api('trainees:list', {}, { 'x-tpd-token': host.token, host: 'evil.example' });
    expect(res.status).toBe(421);
    expect(res.body).not.toContain('"ok"');
    expect((await raw({ path: '/', headers: { host: 'evil.example' } })).status).toBe(421);
    expect((await raw({ path: '/', headers: { host: `evil.example:${host.port}` } })).status).toBe(421);
  });

  it('accepts localhost and 127.0.0.1 on its own port as Host', async () => {
    expect((await api('trainees:list', {}, { 'x-tpd-token': host.token, host: `localhost:${host.port}` })).status).toBe(
      200,
    );
    expect((await api('trainees:list', {}, { 'x-tpd-token': host.token, host: `127.0.0.1:${host.port}` })).status).toBe(
      200,
    );
    expect(
      (await api('trainees:list', {}, { 'x-tpd-token': host.token, host: `127.0.0.1:${host.port + 1}` })).status,
    ).toBe(421);
  });

  it('refuses a foreign Origin with 403, even with the right token', async () => {
    const res = await api('trainees:create', traineeInput(), {
      'x-tpd-token': host.token,
      origin: 'http://evil.example',
    });
    expect(res.status).toBe(403);
    expect((await api('trainees:list', {}, { 'x-tpd-token': host.token, origin: 'null' })).status).toBe(403);
    expect(
      (await api('trainees:list', {}, { 'x-tpd-token': host.token, origin: `https://127.0.0.1:${host.port}` })).status,
    ).toBe(403);
    expect(await backend.store.db.selectFrom('trainees').selectAll().execute()).toEqual([]);
  });

  it('accepts its own Origin', async () => {
    const res = await api('trainees:list', {}, { 'x-tpd-token': host.token, origin: `http://127.0.0.1:${host.port}` });
    expect(res.status).toBe(200);
  });

  it('answers 400 invalid_input for a body that is not JSON', async () => {
    const res = await raw({
      method: 'POST',
      path: '/api/trainees:list',
      headers: { 'x-tpd-token': host.token },
      body: '{"includeArchived": tru',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'The request was not valid JSON.' },
    });
  });

  it('decodes an escaped channel name', async () => {
    const res = await raw({
      method: 'POST',
      path: '/api/trainees%3Alist',
      headers: { 'x-tpd-token': host.token },
      body: '{}',
    });
    expect(JSON.parse(res.body)).toEqual({ ok: true, data: [] });
  });

  it('answers unknown_channel for a malformed escape in the channel name, and keeps serving', async () => {
    const res = await raw({
      method: 'POST',
      path: '/api/%E0%A4%A',
      headers: { 'x-tpd-token': host.token },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect((await api('trainees:list', {})).status).toBe(200);
  });

  it('wants POST for channels', async () => {
    const res = await raw({ path: '/api/trainees:list', headers: { 'x-tpd-token': host.token } });
    expect(res.status).toBe(405);
  });
});

describe('a body that is too large', () => {
  const url = (channel: string) => `http://127.0.0.1:${host.port}/api/${channel}`;
  const tooLarge = { ok: false, error: { code: 'invalid_input', message: 'The request is too large.' } };

  it('is answered 413 with a message, not a reset connection, however it is sent', async () => {
    // 26 MB of JSON, over the 25 MB limit: sent as fetch sends it (with its length) ...
    const body = JSON.stringify({ fileName: 'big.csv', contentBase64: 'A'.repeat(26 * 1024 * 1024) });
    const sized = await fetch(url('traineeImport:preview'), {
      method: 'POST',
      headers: { 'x-tpd-token': host.token, 'content-type': 'application/json' },
      body,
    });
    expect(sized.status).toBe(413);
    expect(await sized.json()).toEqual(tooLarge);

    // ... and streamed in chunks with no length given, so the host only finds out while reading.
    const chunk = new Uint8Array(1024 * 1024).fill(65);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 40) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await fetch(url('traineeImport:preview'), {
      method: 'POST',
      headers: { 'x-tpd-token': host.token },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toEqual(tooLarge);

    // The host still answers.
    expect((await api('app:info', {})).status).toBe(200);
  });
});

describe('the event stream', () => {
  it('refuses to stream without the token', async () => {
    expect((await raw({ path: '/api/events' })).status).toBe(401);
    expect((await raw({ path: '/api/events?token=wrong' })).status).toBe(401);
  });

  it('streams progress events of an import as Server-Sent Events', async () => {
    const frames: string[] = [];
    let buffer = '';
    let notify: () => void = () => undefined;
    const changed = () => new Promise<void>((resolve) => (notify = resolve));

    const req = http.get({
      host: '127.0.0.1',
      port: host.port,
      path: `/api/events?token=${encodeURIComponent(host.token)}`,
    });
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      req.on('response', resolve);
      req.on('error', reject);
    });
    try {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/event-stream');
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        const parts = buffer.split('\n\n');
        buffer = parts.pop()!;
        frames.push(...parts);
        notify();
      });
      while (!frames.includes(': connected')) await changed();

      const importResult = await api('traineeImport:preview', {
        jobId: 'sse-job',
        fileName: 'sample.csv',
        contentBase64: fileAsBase64(path.join(FIXTURES_DIR, 'trainees-scheme-export.csv')),
      });
      expect(JSON.parse(importResult.body)).toMatchObject({ ok: true });

      const progress = () =>
        frames
          .filter((f) => f.startsWith('event: progress\n'))
          .map(
            (f) =>
              JSON.parse(f.slice(f.indexOf('data: ') + 'data: '.length)) as {
                jobId: string;
                done: number;
                total: number;
              },
          );
      while (!progress().some((p) => p.done === p.total)) await changed();
      expect(progress().length).toBeGreaterThan(0);
      expect(progress().every((p) => p.jobId === 'sse-job')).toBe(true);
      expect(progress().at(-1)).toMatchObject({ jobId: 'sse-job', phase: 'Checking rows', done: 60, total: 60 });
    } finally {
      req.destroy();
    }
  });

  it('ends open streams when the host closes', async () => {
    const req = http.get({
      host: '127.0.0.1',
      port: host.port,
      path: `/api/events?token=${encodeURIComponent(host.token)}`,
    });
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      req.on('response', resolve);
      req.on('error', reject);
    });
    response.resume();
    const ended = new Promise<void>((resolve) => {
      response.on('end', resolve);
      response.on('close', resolve);
    });
    await host.close();
    await ended;
    // afterEach closes `host`; give it a running one.
    host = await startBrowserHost({ backend, rendererDir, port: 0 });
  });
});

describe('resolveInside', () => {
  const base = path.resolve('/srv/renderer');

  it('maps ordinary paths to files under the root', () => {
    expect(resolveInside(base, 'index.html')).toBe(path.join(base, 'index.html'));
    expect(resolveInside(base, '/assets/app.js')).toBe(path.join(base, 'assets', 'app.js'));
    expect(resolveInside(base, '/assets/My%20Font.woff2')).toBe(path.join(base, 'assets', 'My Font.woff2'));
  });

  it('refuses NUL bytes and malformed escapes', () => {
    expect(resolveInside(base, '/index.html%00.js')).toBeNull();
    expect(resolveInside(base, '/index.html\0')).toBeNull();
    expect(resolveInside(base, '/%E0%A4%A')).toBeNull();
  });

  it.each([
    '../etc/passwd',
    '/../../etc/passwd',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '..%2F..%2Fetc%2Fpasswd',
    '..\\..\\etc\\passwd',
    '%5c..%5c..%5cetc%5cpasswd',
    '/etc/passwd',
    '//etc/passwd',
    'assets/../../secret.txt',
    '%252e%252e%252fsecret.txt',
    '....//....//etc/passwd',
  ])('keeps %j inside the root', (p) => {
    const result = resolveInside(base, p);
    if (result !== null) expect(result.startsWith(base + path.sep) || result === base).toBe(true);
  });

  it('never points at the sibling folder that shares a prefix', () => {
    const result = resolveInside(base, '/../renderer-secrets/key.txt');
    expect(result === null || !result.startsWith(path.resolve('/srv/renderer-secrets'))).toBe(true);
  });
});

describe('contentTypeFor', () => {
  it('knows the renderer’s file types and falls back to octet-stream', () => {
    expect(contentTypeFor('a/b/INDEX.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('x.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('x.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('x.exe')).toBe('application/octet-stream');
    expect(contentTypeFor('Makefile')).toBe('application/octet-stream');
  });
});
