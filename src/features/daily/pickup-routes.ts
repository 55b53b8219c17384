// HTTP for safe pickup (DAY-4, DAY-5, DAY-9, DAY-10): the family's codes and confirmations, the
// teacher's release, the school's controls; permits, the duty board and the gate are registered
// from their own files below.
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import { idempotencyHeaders } from '../../server/idempotency';
import { boardRoutes } from './board-routes';
import { gateRoutes } from './gate-routes';
import { permitRoutes } from './permit-routes';
import * as c from './pickup-contract';
import { setHandoverFlag, unlockPickup } from './service/pickup-admin';
import { myClassesToday, pickupClass } from './service/pickup-class';
import { familyAdults, renewCode } from './service/pickup-code';
import { confirmRelease, familyReleases } from './service/pickup-confirm';
import { releaseChild } from './service/pickup-release';

const tags = ['pickup'];
const base = '/api/v1/schools/:schoolId';

export function pickupRoutes(app: App, ctx: AppContext) {
  app.get(`${base}/students/:studentId/pickup-adults`, {
    schema: {
      operationId: 'listPickupAdults',
      tags,
      params: c.pickupStudentParams,
      response: { 200: c.familyAdultList, ...errorResponses },
    },
    handler: (req) =>
      familyAdults(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.studentId),
  });

  app.post(`${base}/students/:studentId/pickup-adults/:adultId/code`, {
    schema: {
      operationId: 'renewPickupCode',
      tags,
      params: c.pickupAdultParams,
      response: { 200: c.familyAdultList, ...errorResponses },
    },
    handler: (req) =>
      renewCode(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.studentId,
        req.params.adultId,
      ),
  });

  app.get(`${base}/pickup/classes`, {
    schema: {
      operationId: 'listMyPickupClasses',
      tags,
      params: c.pickupSchoolParams,
      response: { 200: c.myPickupClasses, ...errorResponses },
    },
    handler: (req) => myClassesToday(ctx, requireActor(req), req.params.schoolId),
  });

  app.get(`${base}/pickup/classes/:tempClassId`, {
    schema: {
      operationId: 'readPickupClass',
      tags,
      params: c.pickupClassParams,
      response: { 200: c.pickupClassView, ...errorResponses },
    },
    handler: (req) => pickupClass(ctx, requireActor(req), req.params.schoolId, req.params.tempClassId),
  });

  app.post(`${base}/pickup/releases`, {
    schema: {
      operationId: 'releaseChild',
      tags,
      params: c.pickupSchoolParams,
      headers: idempotencyHeaders,
      body: c.releaseInput,
      response: { 201: c.releaseView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await releaseChild(
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

  app.get(`${base}/pickup/my-releases`, {
    schema: {
      operationId: 'listFamilyReleases',
      tags,
      params: c.pickupSchoolParams,
      response: { 200: c.releaseList, ...errorResponses },
    },
    handler: (req) => familyReleases(ctx, requireActor(req), req.params.schoolId),
  });

  app.post(`${base}/pickup/releases/:releaseId/confirm`, {
    schema: {
      operationId: 'confirmRelease',
      tags,
      params: c.releaseParams,
      response: { 200: c.releaseView, ...errorResponses },
    },
    handler: (req) =>
      confirmRelease(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.releaseId),
  });

  app.put(`${base}/students/:studentId/handover-flag`, {
    schema: {
      operationId: 'setHandoverFlag',
      tags,
      params: c.pickupStudentParams,
      body: c.handoverFlagInput,
      response: { 200: c.handoverFlagView, ...errorResponses },
    },
    handler: (req) =>
      setHandoverFlag(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.studentId,
        req.body.note,
      ),
  });

  app.delete(`${base}/students/:studentId/handover-flag`, {
    schema: {
      operationId: 'clearHandoverFlag',
      tags,
      params: c.pickupStudentParams,
      response: { 200: c.handoverFlagView, ...errorResponses },
    },
    handler: (req) =>
      setHandoverFlag(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.studentId, null),
  });

  app.post(`${base}/pickup/unlock`, {
    schema: {
      operationId: 'unlockPickup',
      tags,
      params: c.pickupSchoolParams,
      body: c.unlockInput,
      response: { 200: c.unlockView, ...errorResponses },
    },
    handler: (req) => unlockPickup(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.body),
  });

  permitRoutes(app, ctx);
  boardRoutes(app, ctx);
  gateRoutes(app, ctx);
}
