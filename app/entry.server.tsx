import { Writable } from 'node:stream';
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { serverMessages } from '~/i18n/message-files.server';
import { MessagesContext } from '~/i18n/messages-context';
import { isConnectionLoss } from '~/server/connection-loss.server';
import { NonceContext } from '~/utils/nonce';
import { logger } from '~/utils/logger.server';

const ABORT_DELAY = 5_000;

/**
 * Renders the whole document before answering (onAllReady): pages here load their data up front, so streaming
 * buys nothing, and a complete document is what a phone on a slow link should get in one go. The rendered chunks
 * are gathered into one buffer with its Content-Length, which the server writes in a single call (no chunked
 * encoding, no web-stream hop per chunk).
 */
export default function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  return new Promise<Response>((resolve, reject) => {
    let failed = false;
    // Cleared once the document is out: a pending timer would keep the whole render (its tree, its buffers)
    // reachable for seconds after the answer, so every request's garbage would outlive the young generation.
    const timeout = setTimeout(() => abort(), ABORT_DELAY + 1000);
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <MessagesContext.Provider value={serverMessages}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </MessagesContext.Provider>
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          const chunks: Buffer[] = [];
          const sink = new Writable({
            write(chunk: Buffer, _encoding, callback) {
              chunks.push(chunk);
              callback();
            },
            final(callback) {
              const body = Buffer.concat(chunks);
              headers.set('Content-Type', 'text/html; charset=utf-8');
              headers.set('Content-Length', String(body.length));
              clearTimeout(timeout);
              resolve(new Response(body, { headers, status: failed ? 500 : status }));
              callback();
            },
          });
          sink.on('error', reject);
          pipe(sink);
        },
        onShellError(error) {
          clearTimeout(timeout);
          reject(error);
        },
        onError(error) {
          failed = true;
          logger().error({ err: error }, 'render error');
        },
      },
    );
  });
}

export function handleError(
  error: unknown,
  { request, context }: { request: Request; context: AppLoadContext },
) {
  if (request.signal.aborted) return;
  // A 404 for a path no route serves (a browser asking for /favicon.ico) or a 4xx a loader threw is an answer
  // the visitor gets, not a fault to look into.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  if (isConnectionLoss(error)) {
    // Not a bug: the HTTP server waits for PostgreSQL and runs the request again (connection-loss.server.ts).
    context.outage.connectionLost = true;
    logger().warn({ err: error }, 'database connection lost');
    return;
  }
  logger().error({ err: error }, 'unhandled error');
}
