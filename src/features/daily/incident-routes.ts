// HTTP for incidents (DAY-6): report, read, follow up, close, reopen, and the report form's options.
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import { idempotencyHeaders } from '../../server/idempotency';
import * as c from './incident-contract';
import { progressIncident } from './service/incident-progress';
import { getIncident, listIncidents } from './service/incident-read';
import { incidentFormOptionsFor, reportIncident } from './service/incident-report';

const tags = ['daily'];

export function incidentRoutes(app: App, ctx: AppContext) {
  app.post('/api/v1/schools/:schoolId/incidents', {
    schema: {
      operationId: 'reportIncident',
      tags,
      params: c.incidentSchoolParams,
      headers: idempotencyHeaders,
      body: c.incidentInput,
      response: { 201: c.incidentView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await reportIncident(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.status(answer.status).send(answer.body);
    },
  });

  app.get('/api/v1/schools/:schoolId/incidents', {
    schema: {
      operationId: 'listIncidents',
      tags,
      params: c.incidentSchoolParams,
      querystring: c.incidentListQuery,
      response: { 200: c.incidentList, ...errorResponses },
    },
    handler: (req) => listIncidents(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.query),
  });

  app.get('/api/v1/schools/:schoolId/incident-form', {
    schema: {
      operationId: 'getIncidentFormOptions',
      tags,
      params: c.incidentSchoolParams,
      querystring: c.incidentFormQuery,
      response: { 200: c.incidentFormOptions, ...errorResponses },
    },
    handler: (req) => incidentFormOptionsFor(ctx, requireActor(req), req.params.schoolId, req.query),
  });

  app.get('/api/v1/schools/:schoolId/incidents/:incidentId', {
    schema: {
      operationId: 'getIncident',
      tags,
      params: c.incidentParams,
      response: { 200: c.incidentView, ...errorResponses },
    },
    handler: (req) =>
      getIncident(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.incidentId),
  });

  const steps = [
    { path: 'follow-ups', action: 'followUp', operationId: 'followUpIncident', body: c.followUpInput },
    { path: 'close', action: 'close', operationId: 'closeIncident', body: c.closeInput },
    { path: 'reopen', action: 'reopen', operationId: 'reopenIncident', body: c.reopenInput },
  ] as const;
  for (const step of steps) {
    app.post(`/api/v1/schools/:schoolId/incidents/:incidentId/${step.path}`, {
      schema: {
        operationId: step.operationId,
        tags,
        params: c.incidentParams,
        headers: idempotencyHeaders,
        body: step.body,
        response: { 200: c.incidentView, ...errorResponses },
      },
      handler: async (req, reply) => {
        const answer = await progressIncident(
          ctx,
          requireActor(req),
          metaOf(req),
          req.params.schoolId,
          req.params.incidentId,
          { action: step.action, input: req.body } as Parameters<typeof progressIncident>[5],
          req.headers['idempotency-key'],
        );
        return reply.status(answer.status).send(answer.body);
      },
    });
  }
}
