// HTTP for the gate (DAY-9): visitors and outside-staff identity checks.
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import * as c from './gate-contract';
import { pickupSchoolParams } from './pickup-contract';
import {
  checkOutsideStaff,
  listVisitors,
  registerVisitor,
  signOutVisitor,
  visitorIdNumber,
} from './service/gate';

const tags = ['gate'];
const base = '/api/v1/schools/:schoolId/gate';

export function gateRoutes(app: App, ctx: AppContext) {
  app.post(`${base}/visitors`, {
    schema: {
      operationId: 'registerVisitor',
      tags,
      params: pickupSchoolParams,
      body: c.visitorInput,
      response: { 201: c.visitorView, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await registerVisitor(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.body)),
  });

  app.get(`${base}/visitors`, {
    schema: {
      operationId: 'listVisitors',
      tags,
      params: pickupSchoolParams,
      querystring: c.visitorListQuery,
      response: { 200: c.visitorList, ...errorResponses },
    },
    handler: (req) => listVisitors(ctx, requireActor(req), req.params.schoolId, req.query),
  });

  app.post(`${base}/visitors/:visitorId/sign-out`, {
    schema: {
      operationId: 'signOutVisitor',
      tags,
      params: c.visitorParams,
      response: { 200: c.visitorView, ...errorResponses },
    },
    handler: (req) =>
      signOutVisitor(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.visitorId),
  });

  app.get(`${base}/visitors/:visitorId/id-number`, {
    schema: {
      operationId: 'readVisitorIdNumber',
      tags,
      params: c.visitorParams,
      response: { 200: c.visitorIdNumber, ...errorResponses },
    },
    handler: (req) =>
      visitorIdNumber(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.visitorId),
  });

  app.get(`${base}/outside-staff`, {
    schema: {
      operationId: 'checkOutsideStaff',
      tags,
      params: pickupSchoolParams,
      querystring: c.outsideStaffQuery,
      response: { 200: c.outsideStaffCheckView, ...errorResponses },
    },
    handler: (req) =>
      checkOutsideStaff(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.query.q),
  });
}
