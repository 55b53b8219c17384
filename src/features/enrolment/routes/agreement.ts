// HTTP for the agreement and its signature (ENR-2), the family's data consent, and the published
// list (ENR-8).
import { requireActor } from '../../../server/auth/sessions';
import type { AppContext } from '../../../server/context';
import { type App, errorResponses, metaOf } from '../../../server/http';
import { idempotencyHeaders } from '../../../server/idempotency';
import * as c from '../contract';
import { createAgreementText, getAgreement, getSignature, signAgreement } from '../service/agreement';
import { getConsent, recordConsent } from '../service/consent';
import { getPublishedList, publishList } from '../service/published-list';

const tags = ['enrolment'];
const termBase = '/api/v1/schools/:schoolId/terms/:termId';
const applicationBase = '/api/v1/schools/:schoolId/applications';

export function agreementRoutes(app: App, ctx: AppContext) {
  app.post(`${termBase}/agreement`, {
    schema: {
      operationId: 'createAgreementText',
      tags,
      params: c.termParams,
      body: c.agreementInput,
      response: { 201: c.agreementView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const text = await createAgreementText(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.body,
      );
      return reply.status(201).send(text);
    },
  });

  app.get(`${termBase}/agreement`, {
    schema: {
      operationId: 'getAgreement',
      tags,
      params: c.termParams,
      response: { 200: c.agreementView, ...errorResponses },
    },
    handler: (req) => getAgreement(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.post(`${applicationBase}/:applicationId/signature`, {
    schema: {
      operationId: 'signAgreement',
      tags,
      params: c.applicationParams,
      headers: idempotencyHeaders,
      body: c.signatureInput,
      response: { 200: c.applicationView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await signAgreement(
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

  app.get(`${applicationBase}/:applicationId/signature`, {
    schema: {
      operationId: 'getSignature',
      tags,
      params: c.applicationParams,
      response: { 200: c.signatureView, ...errorResponses },
    },
    handler: (req) => getSignature(ctx, requireActor(req), req.params.schoolId, req.params.applicationId),
  });

  app.post(`${termBase}/students/:studentId/consent`, {
    schema: {
      operationId: 'recordConsent',
      tags,
      params: c.consentParams,
      headers: idempotencyHeaders,
      body: c.consentInput,
      response: { 201: c.consentView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await recordConsent(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.params.studentId,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.status(answer.status).send(answer.body);
    },
  });

  app.get(`${termBase}/students/:studentId/consent`, {
    schema: {
      operationId: 'getConsent',
      tags,
      params: c.consentParams,
      response: { 200: c.consentView, ...errorResponses },
    },
    handler: (req) =>
      getConsent(ctx, requireActor(req), req.params.schoolId, req.params.termId, req.params.studentId),
  });

  app.post(`${termBase}/list/publish`, {
    schema: {
      operationId: 'publishList',
      tags,
      params: c.termParams,
      response: { 200: c.publishResult, ...errorResponses },
    },
    handler: (req) =>
      publishList(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.termId),
  });

  app.get(`${termBase}/list`, {
    schema: {
      operationId: 'getPublishedList',
      tags,
      params: c.termParams,
      response: { 200: c.publishedList, ...errorResponses },
    },
    handler: (req) => getPublishedList(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });
}
