// Assembles the Fastify app: plugins, the session and cross-site guards, the feature routes,
// the OpenAPI document, and the built web app.
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { accountRoutes } from '../features/accounts/routes';
import { auditRoutes } from '../features/audit/routes';
// term bills and payments (FEE-4, FEE-6)
import { billRoutes } from '../features/billing/bills-routes';
// fee caps, fee standards and meals (FEE-3, FEE-7, DIST-3)
import { capRoutes } from '../features/billing/caps-routes';
import { feeRoutes } from '../features/billing/fees-routes';
// service fund: subsidy, expenses, fund statement (FEE-2, FEE-8, FEE-9)
import { fundRoutes } from '../features/billing/fund-routes';
import { mealRoutes } from '../features/billing/meals-routes';
import { paymentRoutes } from '../features/billing/payments-routes';
import { settlementRoutes } from '../features/billing/settlement-routes';
import { incidentRoutes } from '../features/daily/incident-routes';
// pickup and gate (DAY-4, DAY-5, DAY-9, DAY-10)
import { pickupRoutes } from '../features/daily/pickup-routes';
// daily attendance: today, leave, roll call, handover, care log, staff attendance, emergency plan
import { dailyRoutes } from '../features/daily/routes';
import { dashboardRoutes } from '../features/district/dashboard-routes';
// outside institutions (DIST-2)
import { institutionRoutes } from '../features/district/institutions-routes';
import { enrolmentRoutes } from '../features/enrolment/routes';
// duty roster and outside staff (STAFF-4, STAFF-5, STAFF-6, DIST-2)
import { outsideRoutes } from '../features/groups/outside-routes';
import { rosterRoutes } from '../features/groups/roster-routes';
import { tempClassRoutes } from '../features/groups/routes';
import { channelRoutes } from '../features/notify/channel-routes';
import { notifyRoutes } from '../features/notify/routes';
import { payRoutes } from '../features/pay/routes';
import { peopleRoutes } from '../features/people/routes';
import { programmeRoutes } from '../features/programme/routes';
import { surveyRoutes } from '../features/surveys/routes';
import { resolveActor, sessionCookie, setSessionCookie } from './auth/sessions';
import type { AppContext } from './context';
import { AppError } from './errors';
import { type App, handleError } from './http';
import { serializerCompiler } from './serializer';
import { type TestClock, testClockRoutes } from './test-clock';

const mutating = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const version = '0.1.0';

export async function buildApp(
  ctx: AppContext,
  options: { logger?: FastifyServerOptions['logger']; testClock?: TestClock } = {},
): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? { level: ctx.config.logLevel },
    trustProxy: ctx.config.trustProxy,
    // On SIGTERM: stop taking connections, finish the requests in flight, close idle keep-alives.
    forceCloseConnections: 'idle',
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
      },
    },
  });
  await app.register(multipart);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Kehou 课后 API', version, description: 'After-school service for primary schools' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: sessionCookie } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', null);
  // Keyed on the matched route, not the raw URL, so an encoded path cannot slip past the guards.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.routeOptions.url?.startsWith('/api/v1/')) return;
    // A provider's signed notification carries no session: its HMAC signature is checked instead.
    if ((request.routeOptions.config as { signedWebhook?: boolean }).signedWebhook) return;
    const session = await resolveActor(ctx, request.cookies[sessionCookie]);
    request.actor = session?.actor ?? null;
    // A session whose expiry slid gets its cookie renewed, so an active user stays signed in.
    if (session?.renewedUntil)
      setSessionCookie(request, reply, request.cookies[sessionCookie]!, session.renewedUntil);
    if (mutating.has(request.method)) checkCrossSite(request);
  });

  app.get('/api/health', {
    schema: {
      operationId: 'getHealth',
      tags: ['system'],
      response: { 200: z.object({ status: z.literal('ok'), database: z.string(), version: z.string() }) },
    },
    handler: async () => {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok' as const, database: ctx.dialect, version };
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  accountRoutes(app, ctx);
  peopleRoutes(app, ctx);
  auditRoutes(app, ctx);
  programmeRoutes(app, ctx);
  enrolmentRoutes(app, ctx);
  notifyRoutes(app, ctx);
  // incidents and notify channels (DAY-6, SAFE-1)
  channelRoutes(app, ctx);
  incidentRoutes(app, ctx);
  // daily attendance (DAY-1…3, DAY-6…8, SAFE-3)
  dailyRoutes(app, ctx);
  // pickup and gate (DAY-4, DAY-5, DAY-9, DAY-10)
  pickupRoutes(app, ctx);
  // duty roster and outside staff (STAFF-4, STAFF-5, STAFF-6, DIST-2)
  rosterRoutes(app, ctx);
  outsideRoutes(app, ctx);
  // temporary classes (STAFF-1, STAFF-2, STAFF-3)
  tempClassRoutes(app, ctx);
  // fee caps, fee standards and meals (FEE-3, FEE-7, DIST-3)
  capRoutes(app, ctx);
  feeRoutes(app, ctx);
  mealRoutes(app, ctx);
  // service fund: subsidy, expenses, fund statement (FEE-2, FEE-8, FEE-9)
  fundRoutes(app, ctx);
  // term bills and payments (FEE-4, FEE-6)
  billRoutes(app, ctx);
  paymentRoutes(app, ctx);
  // monthly settlement, refunds and the term end (FEE-4, FEE-5, 多还少补)
  settlementRoutes(app, ctx);
  // outside institutions (DIST-2)
  institutionRoutes(app, ctx);
  // district dashboard (DIST-1, DIST-3)
  dashboardRoutes(app, ctx);
  // surveys (SURV-1, SURV-2)
  surveyRoutes(app, ctx);
  // teacher pay (PAY-1…8)
  payRoutes(app, ctx);
  if (options.testClock) testClockRoutes(app, options.testClock);

  const webDir = ctx.config.webDir;
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return handleError(new AppError('NOT_FOUND'), request, reply);
  });
  return app;
}

/**
 * Every state-changing call must carry the session's CSRF token in a header (a cross-site form
 * cannot set headers, and a cross-site script cannot read the token). Calls without a session
 * (sign-in) must still carry the header, which forces a CORS preflight that we never grant.
 */
function checkCrossSite(request: FastifyRequest) {
  const origin = request.headers.origin;
  if (origin) {
    const host = request.headers['x-forwarded-host'] ?? request.headers.host;
    let originHost = '';
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new AppError('CSRF_REJECTED');
    }
    if (originHost !== host) throw new AppError('CSRF_REJECTED');
  }
  const token = request.headers['x-csrf-token'];
  if (typeof token !== 'string' || token.length === 0) throw new AppError('CSRF_REJECTED');
  if (request.actor && token !== request.actor.csrfToken) throw new AppError('CSRF_REJECTED');
}
