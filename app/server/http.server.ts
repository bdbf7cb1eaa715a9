import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  createRequestHandler,
  writeReadableStreamToWritable,
  type RequestHandler,
  type ServerBuild,
} from '@remix-run/node';
import type { Env } from '~/utils/env.server';
import { logger, redactPath } from '~/utils/logger.server';
import { simulatedStripeApi } from '~/utils/simulated-stripe.server';
import { securityHeaders } from './security-headers.server';
import { serveStatic } from './static.server';
import { isWebhookEndpoint, readBody, serveWebhook } from './webhook-endpoints.server';
import { retryWhileDatabaseDown, type OutageFlag } from './connection-loss.server';

export type AppServerOptions = {
  env: Env;
  publicDir: string;
  /** Called per request in development, so a rebuilt app is picked up without a restart. */
  loadBuild: () => Promise<ServerBuild>;
  mode: 'production' | 'development';
};

const MAX_URL = 4096;
/** Form posts and uploads (a logo) stay well under this. */
const MAX_BODY = 4 * 1024 * 1024;

// 16 random bytes per response, drawn from a pool filled 4 KB at a time (one system call per 256 nonces, as
// crypto.randomUUID does internally); the bytes still come from the CSPRNG and none is ever reused.
let noncePool = Buffer.alloc(0);
let noncePoolOffset = 0;
function cspNonce(): string {
  if (noncePoolOffset + 16 > noncePool.length) {
    noncePool = randomBytes(4096);
    noncePoolOffset = 0;
  }
  const nonce = noncePool.toString('base64', noncePoolOffset, noncePoolOffset + 16);
  noncePoolOffset += 16;
  return nonce;
}

function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first.slice(0, 64);
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * Every POST must come from our own pages: the browser's Origin (or, failing that, Sec-Fetch-Site) must match.
 * Our pages send `Referrer-Policy: no-referrer`, under which a plain form post (no JavaScript yet) carries
 * `Origin: null`; Sec-Fetch-Site, which no page can set, then decides. Webhooks are exempt; they carry their own
 * signatures.
 */
export function isSameOriginPost(req: IncomingMessage, appOrigin: string, pathname: string): boolean {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return true;
  if (pathname.startsWith('/webhooks/')) return true;
  const origin = req.headers.origin;
  if (origin && origin !== 'null') return origin === appOrigin;
  return req.headers['sec-fetch-site'] === 'same-origin';
}

function toRequest(req: IncomingMessage, res: ServerResponse, origin: string, body?: Buffer): Request {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else headers.set(key, value);
  }
  // A plain form post under no-referrer says `Origin: null`; isSameOriginPost has already vouched for it, and
  // Remix would otherwise refuse the action as cross-origin.
  if (headers.get('origin') === 'null') headers.set('origin', origin);
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, signal: controller.signal };
  if (body)
    init.body = new Blob([
      new Uint8Array(body.buffer, body.byteOffset, body.length) as Uint8Array<ArrayBuffer>,
    ]);
  return new Request(new URL(req.url ?? '/', origin), init);
}

async function send(res: ServerResponse, response: Response, extra: Record<string, string>): Promise<void> {
  // Lower-cased like the Response's own names, so a route's header replaces the default instead of doubling it.
  const headers: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(extra)) headers[key.toLowerCase()] = value;
  response.headers.forEach((value, key) => {
    if (key === 'set-cookie') return;
    headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, response.statusText, headers);
  if (!response.body) res.end();
  // A body of known length (a rendered page, a PDF) goes out in one write; anything else is streamed.
  else if (headers['content-length']) res.end(Buffer.from(await response.arrayBuffer()));
  else await writeReadableStreamToWritable(response.body, res);
}

/** Whether every segment of the path is valid percent-encoding (as the router will decode it). */
export function isDecodablePath(pathname: string): boolean {
  try {
    for (const segment of pathname.split('/')) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

export function createAppServer(options: AppServerOptions): Server {
  const { env } = options;
  const appOrigin = new URL(env.APP_URL).origin;
  const https = appOrigin.startsWith('https:');
  const simulatedApi = simulatedStripeApi(env);
  const log = logger();
  let handler: RequestHandler | undefined;
  let handlerBuild: ServerBuild | undefined;

  async function getHandler() {
    const build = await options.loadBuild();
    if (build !== handlerBuild) {
      handlerBuild = build;
      handler = createRequestHandler(build, options.mode);
    }
    return handler!;
  }

  return createServer(async (req, res) => {
    const started = performance.now();
    const rawUrl = req.url ?? '/';
    const pathname = rawUrl.split('?')[0] ?? '/';
    const nonce = cspNonce();
    const headers = securityHeaders({ nonce, https, path: pathname, simulatedApi });
    res.once('finish', () => {
      if (log.isLevelEnabled('debug') || res.statusCode >= 500) {
        log[res.statusCode >= 500 ? 'error' : 'debug'](
          {
            method: req.method,
            path: redactPath(pathname),
            status: res.statusCode,
            ms: Math.round(performance.now() - started),
          },
          'request',
        );
      }
    });
    try {
      if (rawUrl.length > MAX_URL) {
        res.writeHead(414, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('URI too long');
        return;
      }
      if (!isDecodablePath(pathname)) {
        // Found by the security suite: the router would warn with the whole path (a link token included) on the
        // console, bypassing the log's redaction, before answering 404.
        res
          .writeHead(400, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
          .end('Malformed URL / Adresse mal formée');
        return;
      }
      if (!isSameOriginPost(req, appOrigin, pathname)) {
        res
          .writeHead(403, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
          .end('Cross-origin request refused / Requête d’une autre origine refusée');
        return;
      }
      if (isWebhookEndpoint(pathname)) return await serveWebhook(req, res, pathname, headers);
      if (await serveStatic(options.publicDir, req, res, pathname, headers)) return;
      let body: Buffer | undefined;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        // Read whole (bounded), so that the request can be run again after a database outage.
        const read = await readBody(req, MAX_BODY);
        if (!read) {
          res
            .writeHead(413, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
            .end('Request too large / Requête trop volumineuse');
          return;
        }
        body = read;
      }
      const handle = await getHandler();
      const ip = clientIp(req, env.TRUST_PROXY);
      let outage: OutageFlag = { connectionLost: false };
      const outcome = await retryWhileDatabaseDown(
        () => {
          outage = { connectionLost: false };
          return handle(toRequest(req, res, appOrigin, body), { cspNonce: nonce, clientIp: ip, outage });
        },
        (response) => outage.connectionLost && response.status >= 500,
        { gaveUp: () => res.destroyed },
      );
      if ('outage' in outcome) {
        res
          .writeHead(503, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '5' })
          .end(
            'Service briefly unavailable, please try again / Service momentanément indisponible, réessayez',
          );
        return;
      }
      await send(res, outcome.result, headers);
    } catch (error) {
      log.error({ err: error, path: redactPath(pathname) }, 'request failed');
      if (!res.headersSent) {
        res.writeHead(500, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Internal error');
      } else res.destroy();
    }
  });
}
