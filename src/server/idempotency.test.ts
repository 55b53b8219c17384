import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from './idempotency';

describe('idempotency hashing', () => {
  it('ignores key order and undefined fields, not values', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(requestHash('op', { a: 1, b: 2 })).toBe(requestHash('op', { b: 2, a: 1 }));
    expect(requestHash('op', { a: 1 })).not.toBe(requestHash('op', { a: 2 }));
    expect(requestHash('op1', { a: 1 })).not.toBe(requestHash('op2', { a: 1 }));
    expect(requestHash('op', { a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});
