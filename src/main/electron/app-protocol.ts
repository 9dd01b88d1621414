import fs from 'node:fs';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, contentTypeFor, resolveInside } from '../static-files';
import { APP_SCHEME } from './trusted-sender';

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `app://tpd/…`, refusing any path outside its folder. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const { pathname } = new URL(request.url);
    const file = resolveInside(rendererDir, pathname === '/' ? 'index.html' : pathname);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return new Response('Not found', { status: 404 });
    return new Response(fs.readFileSync(file), {
      headers: {
        'content-type': contentTypeFor(file),
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
