// Responses are written by fast-json-stringify from the JSON Schema of each route's zod response
// schema: it emits only the declared properties (nothing undeclared can leak, e.g. a password
// hash) and refuses a response missing a required one, at a fraction of zod's per-response cost.

import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

export const serializerCompiler: FastifySerializerCompiler<ZodType> = (route) => {
  let jsonSchema: object;
  try {
    jsonSchema = z.toJSONSchema(route.schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' });
  } catch {
    // A schema JSON Schema cannot express stays with zod's own encoder.
    return zodSerializerCompiler(route as never);
  }
  const stringify = fastJson(jsonSchema as never);
  return (data: unknown) => stringify(data);
};
