import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serializerCompiler } from './serializer';

const compile = (schema: z.ZodType) =>
  serializerCompiler({ schema, method: 'GET', url: '/x', httpStatus: '200' } as never) as (
    data: unknown,
  ) => string;

describe('response serializer', () => {
  const user = z.object({
    id: z.string(),
    name: z.string(),
    note: z.string().nullable(),
    extra: z.unknown().optional(),
  });

  it('writes only declared properties, so nothing undeclared leaks', () => {
    const out = compile(user)({ id: 'u1', name: '张三', note: null, password_hash: 'secret' });
    expect(JSON.parse(out)).toEqual({ id: 'u1', name: '张三', note: null });
  });

  it('keeps free-form values as they are', () => {
    expect(JSON.parse(compile(user)({ id: 'u1', name: 'x', note: 'n', extra: { a: [1, 2] } })).extra).toEqual(
      { a: [1, 2] },
    );
  });

  it('refuses a response missing a required property', () => {
    expect(() => compile(user)({ id: 'u1', note: null })).toThrow(/name/);
  });
});
