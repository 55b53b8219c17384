// HTTP for applications: the family submits, edits, submits a draft and withdraws; staff list,
// read and review. Parent writes accept an `Idempotency-Key` header (a retry gets the first answer).
import { requireActor } from '../../../server/auth/sessions';
import type { AppContext } from '../../../server/context';
import { type App, errorResponses, metaOf } from '../../../server/http';
import { idempotencyHeaders } from '../../../server/idempotency';
import * as c from '../contract';
import { getApplication, listApplications, listMyApplications } from '../service/read';
import { decideApplications, preReviewApplications } from '../service/review';
import { submitApplication, submitDraft, updateApplication, withdrawApplication } from '../service/submit';
import { agreementRoutes } from './agreement';
import { withdrawalRoutes } from './withdrawals';

const tags = ['enrolment'];
const termBase = '/api/v1/schools/:schoolId/terms/:termId';
const applicationBase = '/api/v1/schools/:schoolId/applications';

export function applicationRoutes(app: App, ctx: AppContext) {
  app.post(`${termBase}/applications`, {
    schema: {
      operationId: 'submitApplication',
      tags,
      params: c.termParams,
      headers: idempotencyHeaders,
      body: c.applicationSubmit,
      response: { 201: c.applicationView, 200: c.applicationView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await submitApplication(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.status(answer.status).send(answer.body);
    },
  });

  app.get(`${termBase}/applications`, {
    schema: {
      operationId: 'listApplications',
      tags,
      params: c.termParams,
      querystring: c.applicationListQuery,
      response: { 200: c.applicationList, ...errorResponses },
    },
    handler: (req) =>
      listApplications(ctx, requireActor(req), req.params.schoolId, req.params.termId, req.query),
  });

  app.get(`${termBase}/my-applications`, {
    schema: {
      operationId: 'listMyApplications',
      tags,
      params: c.termParams,
      response: { 200: c.myApplications, ...errorResponses },
    },
    handler: (req) => listMyApplications(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.get(`${applicationBase}/:applicationId`, {
    schema: {
      operationId: 'getApplication',
      tags,
      params: c.applicationParams,
      response: { 200: c.applicationView, ...errorResponses },
    },
    handler: (req) => getApplication(ctx, requireActor(req), req.params.schoolId, req.params.applicationId),
  });

  app.patch(`${applicationBase}/:applicationId`, {
    schema: {
      operationId: 'updateApplication',
      tags,
      params: c.applicationParams,
      headers: idempotencyHeaders,
      body: c.applicationUpdate,
      response: { 200: c.applicationView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await updateApplication(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.applicationId,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.status(answer.status).send(answer.body);
    },
  });

  app.post(`${applicationBase}/:applicationId/submit`, {
    schema: {
      operationId: 'submitDraft',
      tags,
      params: c.applicationParams,
      headers: idempotencyHeaders,
      response: { 200: c.applicationView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await submitDraft(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.applicationId,
        req.headers['idempotency-key'],
      );
      return reply.status(answer.status).send(answer.body);
    },
  });

  app.post(`${applicationBase}/:applicationId/withdraw`, {
    schema: {
      operationId: 'withdrawApplication',
      tags,
      params: c.applicationParams,
      headers: idempotencyHeaders,
      response: { 200: c.applicationView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await withdrawApplication(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.applicationId,
        req.headers['idempotency-key'],
      );
      return reply.status(answer.status).send(answer.body);
    },
  });

  app.post(`${applicationBase}/pre-review`, {
    schema: {
      operationId: 'preReviewApplications',
      tags,
      params: c.schoolOnlyParams,
      headers: idempotencyHeaders,
      body: c.preReviewInput,
      response: { 200: c.batchResult, ...errorResponses },
    },
    handler: (req) =>
      preReviewApplications(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.body,
        req.headers['idempotency-key'],
      ),
  });

  app.post(`${applicationBase}/decide`, {
    schema: {
      operationId: 'decideApplications',
      tags,
      params: c.schoolOnlyParams,
      headers: idempotencyHeaders,
      body: c.decideInput,
      response: { 200: c.batchResult, ...errorResponses },
    },
    handler: (req) =>
      decideApplications(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.body,
        req.headers['idempotency-key'],
      ),
  });

  agreementRoutes(app, ctx);
  withdrawalRoutes(app, ctx);
}
