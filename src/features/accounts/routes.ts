// HTTP for signing in and out, first sign-in, passwords, and the one-time code slips.
import { z } from 'zod';
import { clearSessionCookie, requireActor, resolveActor, setSessionCookie } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import { schoolParams } from '../people/contract';
import * as c from './contract';
import * as service from './service/index';

const tags = ['accounts'];
const ok = z.object({ ok: z.literal(true) });

export function accountRoutes(app: App, ctx: AppContext) {
  app.post('/api/v1/auth/login', {
    schema: { operationId: 'login', tags, body: c.loginRequest, response: { 200: c.me, ...errorResponses } },
    handler: async (req, reply) => {
      const session = await service.login(ctx, metaOf(req), req.body);
      setSessionCookie(req, reply, session.token, session.expiresAt);
      req.actor = await resolveFresh(ctx, session.token);
      return service.me(ctx, req.actor);
    },
  });

  app.post('/api/v1/auth/first-login', {
    schema: {
      operationId: 'firstLogin',
      tags,
      body: c.firstLoginRequest,
      response: { 200: c.me, ...errorResponses },
    },
    handler: async (req, reply) => {
      const session = await service.firstLogin(ctx, metaOf(req), req.body);
      setSessionCookie(req, reply, session.token, session.expiresAt);
      req.actor = await resolveFresh(ctx, session.token);
      return service.me(ctx, req.actor);
    },
  });

  app.post('/api/v1/auth/logout', {
    schema: { operationId: 'logout', tags, response: { 200: ok, ...errorResponses } },
    handler: async (req, reply) => {
      if (req.actor) await service.logout(ctx, req.actor);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  });

  app.get('/api/v1/me', {
    schema: { operationId: 'getMe', tags, response: { 200: c.me, ...errorResponses } },
    handler: (req) => service.me(ctx, requireActor(req)),
  });

  app.post('/api/v1/me/password', {
    schema: {
      operationId: 'changePassword',
      tags,
      body: c.changePasswordRequest,
      response: { 200: ok, ...errorResponses },
    },
    handler: async (req) => {
      await service.changePassword(ctx, requireActor(req), metaOf(req), req.body);
      return { ok: true as const };
    },
  });

  app.put('/api/v1/me/preferences', {
    schema: {
      operationId: 'setPreferences',
      tags,
      body: c.preferencesRequest,
      response: { 200: ok, ...errorResponses },
    },
    handler: async (req) => {
      await service.setLocale(ctx, requireActor(req), metaOf(req), req.body.locale);
      return { ok: true as const };
    },
  });

  app.post('/api/v1/schools/:schoolId/setup-codes', {
    schema: {
      operationId: 'issueSetupCodes',
      tags,
      params: schoolParams,
      body: c.setupCodesRequest,
      response: { 200: c.setupSlips, ...errorResponses },
    },
    handler: (req) =>
      service.issueSetupCodes(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.body),
  });
}

async function resolveFresh(ctx: AppContext, token: string) {
  const session = await resolveActor(ctx, token);
  if (!session) throw new Error('session just created was not found');
  return session.actor;
}
