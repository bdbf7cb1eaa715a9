import { useMemo } from 'react';

/**
 * A plain-JSON value sent to the browser as one JSON string. Remix encodes loader data with turbo-stream, which walks
 * every key and value in JavaScript (it can carry Dates, Maps, promises); for a large object that is already plain
 * JSON (the invoice view, built by PostgreSQL) the engine's own JSON.stringify and JSON.parse do the same job at a
 * fraction of the cost. The debtor page is the hottest page there is (`npm run bench`).
 */
export type Packed<T> = string & { readonly __packed: T };

export function pack<T>(value: T): Packed<T> {
  return JSON.stringify(value) as Packed<T>;
}

export function unpack<T>(packed: Packed<T>): T {
  return JSON.parse(packed) as T;
}

/** The value back, parsed once per new string (a revalidation brings a new one). */
export function usePacked<T>(packed: Packed<T>): T {
  return useMemo(() => unpack(packed), [packed]);
}
