import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Stripe from 'stripe';
import type { Auth, Ctx } from './context';
import { apiError, authError, invalidRequest, StripeFakeError } from './errors';
import type { EventLog } from './events';
import type { FaultKind, Faults } from './faults';
import { parseForm, type FormHash } from './form';
import { newRequestId } from './ids';
import { canonicalParams, idempotencyMismatch, type IdempotencyStore } from './idempotency';
import { validate } from './params';
import { matchRoute, type Route } from './routes';
import type { Store } from './store';

export interface RequestLogEntry {
  method: string;
  path: string;
  /** Decoded form body (POST) or query (GET), without the `key` a publishable-key caller sends. */
  params: FormHash;
  idempotencyKey: string | null;
  apiKey: string | null;
  requestId: string;
  /** 0 when no response was sent (reset connection, response still held). */
  status: number;
  replayed: boolean;
  fault: FaultKind | null;
  at: Date;
}

export interface Engine {
  store: Store;
  events: EventLog;
  faults: Faults;
  idempotency: IdempotencyStore;
  routes: Route[];
  requests: RequestLogEntry[];
  /** Responses held by `timeout` faults, released on stop(). */
  held: Set<ServerResponse>;
  log: (line: string) => void;
  /** Not Stripe: refuse POSTs without an idempotency key of the app's own (DESIGN.md's rule). */
  requireIdempotencyKeys: boolean;
}

interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers':
    'Request-Id, Stripe-Version, Idempotency-Key, Idempotent-Replayed, Original-Request',
};
const PREFLIGHT = {
  ...CORS,
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers':
    'Authorization, Content-Type, Idempotency-Key, Stripe-Version, Stripe-Account',
  'Access-Control-Max-Age': '300',
};

const NO_KEY =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

const doubleSource = () => readFileSync(new URL('./stripe-js-double.js', import.meta.url), 'utf8');

function authenticate(req: IncomingMessage, params: FormHash): Auth {
  const header = req.headers.authorization ?? '';
  let key: string | undefined;
  if (/^Bearer /i.test(header)) key = header.slice(7).trim();
  else if (/^Basic /i.test(header)) key = Buffer.from(header.slice(6), 'base64').toString().split(':')[0];
  // Stripe.js sends its publishable key as a `key` parameter, which keeps its requests free of preflights.
  if (!key && typeof params.key === 'string') key = params.key;
  if (!key) throw authError(NO_KEY);
  if (/^(sk|rk)_test_\w+$/.test(key)) return { key, kind: 'secret' };
  if (/^pk_test_\w+$/.test(key)) return { key, kind: 'publishable' };
  const shown = key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}` : key;
  throw authError(
    `Invalid API Key provided: ${shown} (the Stripe fake accepts test-mode keys only: sk_test_…, rk_test_…, pk_test_…)`,
  );
}

const errorReply = (error: StripeFakeError, requestId: string): Reply => ({
  status: error.status,
  body: JSON.stringify(error.toJSON(requestId), null, 2),
});

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function createHandler(engine: Engine) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://fake');
    if (method === 'OPTIONS') {
      res.writeHead(204, PREFLIGHT).end();
      return;
    }
    // The Stripe.js double, for the simulated-payments dev mode (e2e tests route js.stripe.com to it instead).
    if (method === 'GET' && /^\/v3\/?$/.test(url.pathname)) {
      res
        .writeHead(200, {
          ...CORS,
          'Content-Type': 'application/javascript; charset=utf-8',
          'Cache-Control': 'no-store',
        })
        .end(doubleSource());
      return;
    }
    const body = method === 'POST' ? await readBody(req) : url.search.slice(1);
    const requestId = newRequestId();
    const idempotencyKey =
      method === 'POST' ? ((req.headers['idempotency-key'] as string | undefined) ?? null) : null;
    const entry: RequestLogEntry = {
      method,
      path: url.pathname,
      params: {},
      idempotencyKey,
      apiKey: null,
      requestId,
      status: 0,
      replayed: false,
      fault: null,
      at: new Date(),
    };
    engine.requests.push(entry);

    const send = (reply: Reply) => {
      entry.status = reply.status;
      res
        .writeHead(reply.status, {
          ...CORS,
          'Content-Type': 'application/json',
          'Cache-Control': 'no-cache, no-store',
          'Request-Id': requestId,
          'Stripe-Version': (req.headers['stripe-version'] as string | undefined) ?? Stripe.API_VERSION,
          ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
          ...reply.headers,
        })
        .end(reply.body);
    };

    let auth: Auth;
    let params: FormHash;
    try {
      params = parseForm(body);
      auth = authenticate(req, params);
      delete params.key;
      entry.params = params;
      entry.apiKey = auth.key;
      if (idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > 255)) {
        throw invalidRequest('Idempotency keys must be between 1 and 255 characters long.');
      }
      // stripe-node puts a random `stripe-node-retry-…` key on every POST; only a key derived from the business
      // action makes a retry by a second worker or a second click safe.
      if (
        engine.requireIdempotencyKeys &&
        method === 'POST' &&
        auth.kind === 'secret' &&
        (!idempotencyKey || idempotencyKey.startsWith('stripe-node-retry-'))
      ) {
        throw invalidRequest(
          `Stripe fake (requireIdempotencyKeys): POST ${url.pathname} has no idempotency key of its own. Pass { idempotencyKey } derived from the business action (invoice, installment, attempt).`,
        );
      }
    } catch (error) {
      send(errorReply(error as StripeFakeError, requestId));
      return;
    }

    const fault = engine.faults.take(method, url.pathname);
    entry.fault = fault?.kind ?? null;
    if (fault?.kind === '500') return send(errorReply(apiError(), requestId));
    if (fault?.kind === 'network_reset') {
      req.socket.destroy();
      return;
    }

    const reply = execute(
      engine,
      { method, path: url.pathname, params, auth, requestId, idempotencyKey, fault: fault?.kind ?? null },
      entry,
    );

    if (fault?.kind === '500_after_commit') return send(errorReply(apiError(), requestId));
    if (fault?.kind === 'network_reset_after_commit') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'timeout') {
      engine.held.add(res);
      const timer =
        fault.holdMs === undefined ? null : setTimeout(() => !res.destroyed && send(reply), fault.holdMs);
      res.on('close', () => {
        if (timer) clearTimeout(timer);
        engine.held.delete(res);
      });
      return;
    }
    send(reply);
  };
}

interface Call {
  method: string;
  path: string;
  params: FormHash;
  auth: Auth;
  requestId: string;
  idempotencyKey: string | null;
  fault: FaultKind | null;
}

/** Idempotency, routing, validation, then the endpoint itself; saves what Stripe would save. */
function execute(engine: Engine, call: Call, entry: RequestLogEntry): Reply {
  const { method, path, params, auth, requestId, idempotencyKey } = call;
  const paramsKey = canonicalParams(params);
  if (idempotencyKey) {
    const saved = engine.idempotency.get(auth.key, idempotencyKey);
    if (saved) {
      if (saved.method !== method || saved.path !== path || saved.params !== paramsKey) {
        const error = new StripeFakeError(400, {
          type: 'idempotency_error',
          message: idempotencyMismatch(saved, method, path, idempotencyKey),
        });
        return errorReply(error, requestId);
      }
      entry.replayed = true;
      return {
        status: saved.status,
        body: saved.body,
        headers: { 'Idempotent-Replayed': 'true', 'Original-Request': saved.requestId },
      };
    }
  }
  const matched = matchRoute(engine.routes, method, path);
  if (!matched) {
    const error = invalidRequest(
      `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      {},
      404,
    );
    return errorReply(error, requestId);
  }
  if (auth.kind === 'publishable' && !matched.route.publishable) {
    return errorReply(
      authError(
        'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
      ),
      requestId,
    );
  }
  let parsed;
  try {
    parsed = validate(matched.route.spec, params);
    matched.route.check?.(parsed);
  } catch (error) {
    if (error instanceof StripeFakeError) return errorReply(error, requestId);
    throw error;
  }
  const request = { id: requestId, idempotency_key: idempotencyKey };
  const ctx: Ctx = {
    store: engine.store,
    auth,
    requestId,
    idempotencyKey,
    forced: call.fault === 'decline' || call.fault === 'authentication_required' ? call.fault : null,
    emit: (type, object) => engine.events.record(type, object, request),
  };
  let reply: Reply;
  try {
    reply = { status: 200, body: JSON.stringify(matched.route.handle(ctx, parsed, matched.path), null, 2) };
  } catch (error) {
    if (!(error instanceof StripeFakeError)) {
      // A bug in the fake, not a Stripe behaviour: say so loudly, answer 500, save nothing.
      engine.log(
        `Stripe fake: ${method} ${path} crashed: ${error instanceof Error ? error.stack : String(error)}`,
      );
      return errorReply(apiError(), requestId);
    }
    reply = errorReply(error, requestId);
  }
  if (idempotencyKey) {
    engine.idempotency.save(auth.key, idempotencyKey, {
      method,
      path,
      params: paramsKey,
      status: reply.status,
      body: reply.body,
      requestId,
    });
  }
  return reply;
}
