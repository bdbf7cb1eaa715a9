import { invalidRequest } from './errors';

/** What a Stripe form body decodes to: strings at the leaves, hashes and arrays from bracket notation. */
export type FormValue = string | FormValue[] | FormHash;
export type FormHash = { [key: string]: FormValue };

/**
 * Parses `application/x-www-form-urlencoded` the way Stripe reads it: `metadata[invoice_id]=x` is a hash,
 * `expand[]=a&expand[]=b` and `expand[0]=a&expand[1]=b` (what stripe-node sends) are arrays.
 */
export function parseForm(text: string): FormHash {
  const root: FormHash = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const path = splitKey(rawKey);
    insert(root, path, value, rawKey);
  }
  return arraysFromIndexedHashes(root) as FormHash;
}

function splitKey(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) return [key];
  const rest = [...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!);
  return [match[1]!, ...rest];
}

function insert(container: FormHash | FormValue[], path: string[], value: string, rawKey: string): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(container)) {
    // `a[]=x` appends; `a[][b]=x` (arrays of hashes written without indexes) is not something the SDK sends.
    if (head !== '' || rest.length) throw invalidRequest(`Invalid array: ${rawKey}`, { param: rawKey });
    container.push(value);
    return;
  }
  if (rest.length === 0) {
    if (typeof container[head] === 'object')
      throw invalidRequest(`Invalid hash: ${rawKey}`, { param: rawKey });
    container[head] = value;
    return;
  }
  const next = rest[0] === '' ? [] : {};
  const existing = container[head];
  if (existing === undefined) container[head] = next;
  else if (typeof existing === 'string' || Array.isArray(existing) !== Array.isArray(next))
    throw invalidRequest(`Invalid value for ${head}: mixed string, hash and array forms`, { param: head });
  insert(container[head] as FormHash | FormValue[], rest, value, rawKey);
}

/** `{ "0": a, "1": b }` (indexed form) becomes `[a, b]`. */
function arraysFromIndexedHashes(value: FormValue): FormValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(arraysFromIndexedHashes);
  const keys = Object.keys(value);
  const converted: FormHash = {};
  for (const key of keys) converted[key] = arraysFromIndexedHashes(value[key]!);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => converted[k]!);
  }
  return converted;
}
