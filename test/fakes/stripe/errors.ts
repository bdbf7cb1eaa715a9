/**
 * Errors in Stripe's wire shape: `{ error: { type, code, message, param, decline_code, ... } }`. The `stripe`
 * SDK turns the HTTP status and `type` into its classes (400 -> StripeInvalidRequestError, 400 + type
 * idempotency_error -> StripeIdempotencyError, 401 -> StripeAuthenticationError, 402 -> StripeCardError,
 * 404 -> StripeInvalidRequestError, 5xx -> StripeAPIError).
 */
export type StripeErrorType = 'invalid_request_error' | 'card_error' | 'api_error' | 'idempotency_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
  setup_intent?: unknown;
}

export class StripeFakeError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }

  /** The JSON Stripe sends; `request_log_url` needs the request id, so it is added here. */
  toJSON(requestId: string): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = { ...this.body };
    if (this.body.code && !error.doc_url)
      error.doc_url = `https://stripe.com/docs/error-codes/${this.body.code.replace(/_/g, '-')}`;
    error.request_log_url = `https://dashboard.stripe.com/test/logs/${requestId}`;
    for (const key of Object.keys(error)) if (error[key] === undefined) delete error[key];
    return { error };
  }
}

export function invalidRequest(
  message: string,
  extra: Omit<Partial<StripeErrorBody>, 'message'> = {},
  status = 400,
) {
  return new StripeFakeError(status, { type: 'invalid_request_error', message, ...extra });
}

export function resourceMissing(kind: string, id: string, param = 'id') {
  return invalidRequest(`No such ${kind}: '${id}'`, { code: 'resource_missing', param }, 404);
}

export function unexpectedState(message: string, extra: Omit<Partial<StripeErrorBody>, 'message'> = {}) {
  return invalidRequest(message, { code: 'payment_intent_unexpected_state', ...extra });
}

export function apiError() {
  return new StripeFakeError(500, {
    type: 'api_error',
    message:
      "Sorry, something went wrong. We've already been notified of the problem, but if you need any help, you can reach us at https://support.stripe.com/contact.",
  });
}

/** 401s carry type invalid_request_error on Stripe too; the SDK picks StripeAuthenticationError by status. */
export function authError(message: string) {
  return invalidRequest(message, {}, 401);
}
