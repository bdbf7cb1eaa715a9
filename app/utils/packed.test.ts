import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { pack, unpack } from './packed';

describe('pack', () => {
  test('any plain JSON value comes back equal', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(unpack(pack(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
