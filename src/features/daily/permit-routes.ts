// HTTP for walk-home-alone permits (独自回家证, DAY-5).
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import * as c from './permit-contract';
import { pickupSchoolParams, pickupStudentParams } from './pickup-contract';
import { checkPermit, listPermits, permitCard, readPermit, revokePermit, signPermit } from './service/permit';

const tags = ['permits'];
const base = '/api/v1/schools/:schoolId';

export function permitRoutes(app: App, ctx: AppContext) {
  app.post(`${base}/students/:studentId/permits`, {
    schema: {
      operationId: 'signWalkHomePermit',
      tags,
      params: pickupStudentParams,
      body: c.permitSignInput,
      response: { 201: c.permitView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const view = await signPermit(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.studentId,
        req.body,
      );
      return reply.status(201).send(view);
    },
  });

  app.get(`${base}/permits`, {
    schema: {
      operationId: 'listWalkHomePermits',
      tags,
      params: pickupSchoolParams,
      querystring: c.permitListQuery,
      response: { 200: c.permitList, ...errorResponses },
    },
    handler: (req) => listPermits(ctx, requireActor(req), req.params.schoolId, req.query),
  });

  // Declared before `/permits/:permitId` so "check" is not read as an id.
  app.get(`${base}/permits/check`, {
    schema: {
      operationId: 'checkWalkHomePermit',
      tags,
      params: pickupSchoolParams,
      querystring: c.permitCheckQuery,
      response: { 200: c.permitCheckView, ...errorResponses },
    },
    handler: (req) => checkPermit(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.query.token),
  });

  app.get(`${base}/permits/:permitId`, {
    schema: {
      operationId: 'readWalkHomePermit',
      tags,
      params: c.permitParams,
      response: { 200: c.permitView, ...errorResponses },
    },
    handler: (req) => readPermit(ctx, requireActor(req), req.params.schoolId, req.params.permitId),
  });

  app.get(`${base}/permits/:permitId/card`, {
    schema: {
      operationId: 'printWalkHomePermit',
      tags,
      params: c.permitParams,
      response: { 200: c.permitCard, ...errorResponses },
    },
    handler: (req) =>
      permitCard(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.permitId),
  });

  app.post(`${base}/permits/:permitId/revoke`, {
    schema: {
      operationId: 'revokeWalkHomePermit',
      tags,
      params: c.permitParams,
      response: { 200: c.permitView, ...errorResponses },
    },
    handler: (req) =>
      revokePermit(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.permitId),
  });
}
