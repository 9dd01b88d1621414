import type http from 'node:http';

/**
 * What both HTTP transports (the browser host and the team server) share for `POST /api/<channel>`:
 * one body limit, the same 413 and 400 answers, JSON out with no caching.
 */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;
/** What is read and thrown away after refusing a body, so the client sees the 413 rather than a reset. */
const MAX_DISCARDED_BYTES = 4 * MAX_BODY_BYTES;

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      // Hold nothing of it: what is left is thrown away as it comes (readJsonInput).
      chunks.length = 0;
      req.off('data', onData);
      reject(new Error('too_large'));
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The request's JSON body, or the answer already sent (413 past the limit, 400 for bad JSON). */
export async function readJsonInput(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  headers: Record<string, string> = {},
): Promise<{ input: unknown } | null> {
  try {
    // A declared length over the limit is refused before a byte of it is read.
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw new Error('too_large');
    const body = await readBody(req);
    return { input: body === '' ? undefined : JSON.parse(body) };
  } catch (error) {
    const tooLarge = (error as Error).message === 'too_large';
    if (tooLarge) {
      // Answered at once; the rest of the body is read and thrown away (up to MAX_DISCARDED_BYTES, then the
      // connection is cut). Closing with the body unread would make the kernel send a reset, which the
      // client sees instead of the 413.
      let discarded = 0;
      req.on('data', (chunk: Buffer) => {
        discarded += chunk.length;
        if (discarded > MAX_DISCARDED_BYTES) req.destroy();
      });
      req.resume();
    }
    sendJson(
      res,
      tooLarge ? 413 : 400,
      {
        ok: false,
        error: {
          code: 'invalid_input',
          message: tooLarge ? 'The request is too large.' : 'The request was not valid JSON.',
        },
      },
      headers,
    );
    return null;
  }
}

/** `/api/<channel>`'s channel, decoded; a malformed escape stays as it is and names no channel. */
export function channelOf(pathname: string): string {
  const channel = pathname.slice('/api/'.length);
  try {
    return decodeURIComponent(channel);
  } catch {
    return channel;
  }
}
