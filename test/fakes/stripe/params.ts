import { invalidRequest } from './errors';
import type { FormHash, FormValue } from './form';

/**
 * A small schema language for Stripe's form parameters, so each endpoint lists what it accepts and the fake
 * answers like Stripe: unknown names -> `parameter_unknown`, bad integers -> `parameter_invalid_integer`,
 * missing -> `parameter_missing`, all with `param` in bracket notation (`payment_method_data[card][number]`).
 */
export interface Rule<T, Req extends boolean = boolean> {
  readonly parse: (value: FormValue, param: string) => T;
  readonly required: Req;
}
export type Spec = Record<string, Rule<unknown>>;
type RuleType<R> = R extends Rule<infer T> ? T : never;
export type Parsed<S extends Spec> = {
  [K in keyof S as S[K] extends Rule<unknown, true> ? K : never]: RuleType<S[K]>;
} & {
  [K in keyof S as S[K] extends Rule<unknown, true> ? never : K]?: RuleType<S[K]>;
};

const rule = <T>(parse: (value: FormValue, param: string) => T): Rule<T, false> => ({
  parse,
  required: false,
});
export const required = <T>(r: Rule<T>): Rule<T, true> => ({ parse: r.parse, required: true });

/** Empty strings mean "unset" on Stripe; a parameter that cannot be unset says so. */
function emptyError(param: string) {
  return invalidRequest(
    `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
    { code: 'parameter_invalid_empty', param },
  );
}

function scalar(value: FormValue, param: string, kind: string): string {
  if (typeof value !== 'string')
    throw invalidRequest(`Invalid ${kind}: ${param} must be a ${kind}, not a hash or an array`, { param });
  return value;
}

export function string(opts: { max?: number } = {}) {
  return rule((value, param) => {
    const s = scalar(value, param, 'string');
    if (s === '') throw emptyError(param);
    if (opts.max && s.length > opts.max)
      throw invalidRequest(`Invalid string: ${s.slice(0, 20)}...; must be at most ${opts.max} characters`, {
        code: 'parameter_invalid_string',
        param,
      });
    return s;
  });
}

/** A string that an empty value unsets (description, receipt_email ...). */
export function nullableString(opts: { max?: number } = {}) {
  const inner = string(opts);
  return rule((value, param) => (value === '' ? null : inner.parse(value, param)));
}

export function integer(opts: { min?: number } = {}) {
  return rule((value, param) => {
    const s = scalar(value, param, 'integer');
    if (s === '') throw emptyError(param);
    if (!/^-?\d+$/.test(s))
      throw invalidRequest(`Invalid integer: ${s}`, { code: 'parameter_invalid_integer', param });
    const n = Number(s);
    if (!Number.isSafeInteger(n))
      throw invalidRequest(`Invalid integer: ${s}`, { code: 'parameter_invalid_integer', param });
    if (opts.min !== undefined && n < opts.min)
      throw invalidRequest(`This value must be greater than or equal to ${opts.min}.`, { param });
    return n;
  });
}

export function boolean() {
  return rule((value, param) => {
    const s = scalar(value, param, 'boolean');
    if (s === 'true') return true;
    if (s === 'false') return false;
    throw invalidRequest(`Invalid boolean: ${s}`, { param });
  });
}

export function oneOf<const V extends string>(...values: V[]) {
  return rule((value, param) => {
    const s = scalar(value, param, 'string');
    if ((values as string[]).includes(s)) return s as V;
    const list = values.length > 1 ? `${values.slice(0, -1).join(', ')}, or ${values.at(-1)}` : values[0];
    throw invalidRequest(`Invalid ${param}: must be one of ${list}`, { param });
  });
}

export function array<T>(of: Rule<T>) {
  return rule((value, param) => {
    if (!Array.isArray(value)) throw invalidRequest(`Invalid array`, { param });
    return value.map((item, i) => of.parse(item, `${param}[${i}]`));
  });
}

export function hash<S extends Spec>(spec: S) {
  return rule((value, param) => {
    if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest(`Invalid hash`, { param });
    return validate(spec, value, param);
  });
}

/** A hash the fake accepts without modelling (payment_method_options[card] ...): kept as sent. */
export function anyHash() {
  return rule((value, param) => {
    if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest(`Invalid hash`, { param });
    return value;
  });
}

/** Metadata: up to 50 string values, keys up to 40 characters, values up to 500; '' unsets a key, and all of it. */
export function metadata() {
  return rule((value, param): Record<string, string> | null => {
    if (value === '') return null;
    if (typeof value !== 'object') throw invalidRequest(`Invalid hash`, { param });
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    if (entries.length > 50) throw invalidRequest('Metadata can have at most 50 keys.', { param });
    const out: Record<string, string> = {};
    for (const [key, v] of entries) {
      if (typeof v !== 'string')
        throw invalidRequest(`Metadata values must be strings (${param}[${key}]).`, {
          param: `${param}[${key}]`,
        });
      if (key.length > 40)
        throw invalidRequest(`Metadata keys can be at most 40 characters long (${key}).`, {
          param: `${param}[${key}]`,
        });
      if (v.length > 500)
        throw invalidRequest(`Metadata values can be at most 500 characters long.`, {
          param: `${param}[${key}]`,
        });
      out[key] = v;
    }
    return out;
  });
}

export const expand = () => array(string());

/** Stripe's `Emptyable<...>`: an empty string unsets the parameter (null). */
export function emptyable<T>(inner: Rule<T>) {
  return rule((value, param): T | null => (value === '' ? null : inner.parse(value, param)));
}

/** Checks a whole request (or a nested hash) against its spec. */
export function validate<S extends Spec>(spec: S, input: FormHash, prefix = ''): Parsed<S> {
  const name = (key: string) => (prefix ? `${prefix}[${key}]` : key);
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(spec, key))
      throw invalidRequest(`Received unknown parameter: ${name(key)}`, {
        code: 'parameter_unknown',
        param: name(key),
      });
  }
  const out: Record<string, unknown> = {};
  for (const [key, r] of Object.entries(spec)) {
    const value = input[key];
    if (value === undefined) {
      if (r.required)
        throw invalidRequest(`Missing required param: ${name(key)}.`, {
          code: 'parameter_missing',
          param: name(key),
        });
      continue;
    }
    out[key] = r.parse(value, name(key));
  }
  return out as Parsed<S>;
}

/** Applies a metadata update the way Stripe does: keys merge, '' deletes a key, an empty metadata clears all. */
export function mergeMetadata(
  current: Record<string, string>,
  update: Record<string, string> | null,
): Record<string, string> {
  if (update === null) return {};
  const next = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === '') delete next[key];
    else next[key] = value;
  }
  return next;
}
