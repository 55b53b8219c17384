// HTTP for outside staff (STAFF-6) and the school's read of the approved institutions (DIST-2; the
// district's side is in district/institutions-routes.ts).
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import * as c from './outside-contract';
import { listApprovedInstitutions } from './service/outside-institutions';
import {
  getOutside,
  linkOutsideAccount,
  listOutside,
  moveOutside,
  recordCheck,
  registerOutside,
  revealOutsideIdentity,
} from './service/outside-staff';

const tags = ['outside staff'];
const base = '/api/v1/schools/:schoolId/outside-staff';

export function outsideRoutes(app: App, ctx: AppContext) {
  app.post(base, {
    schema: {
      operationId: 'registerOutsideStaff',
      tags,
      params: c.outsideSchoolParams,
      body: c.outsideInput,
      response: { 201: c.outsideDetail, ...errorResponses },
    },
    handler: async (req, reply) => {
      const person = await registerOutside(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.body,
      );
      return reply.status(201).send(person);
    },
  });

  app.get(base, {
    schema: {
      operationId: 'listOutsideStaff',
      tags,
      params: c.outsideSchoolParams,
      response: { 200: c.outsideList, ...errorResponses },
    },
    handler: (req) => listOutside(ctx, requireActor(req), metaOf(req), req.params.schoolId),
  });

  app.get(`${base}/:outsideStaffId`, {
    schema: {
      operationId: 'getOutsideStaff',
      tags,
      params: c.outsideParams,
      response: { 200: c.outsideDetail, ...errorResponses },
    },
    handler: (req) => getOutside(ctx, requireActor(req), req.params.schoolId, req.params.outsideStaffId),
  });

  app.get(`${base}/:outsideStaffId/identity`, {
    schema: {
      operationId: 'revealOutsideStaffIdentity',
      tags,
      description: 'The full identity number and phone; every read is logged (read.sensitive).',
      params: c.outsideParams,
      response: { 200: c.idNumberView, ...errorResponses },
    },
    handler: (req) =>
      revealOutsideIdentity(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.outsideStaffId,
      ),
  });

  app.post(`${base}/:outsideStaffId/checks`, {
    schema: {
      operationId: 'recordOutsideStaffCheck',
      tags,
      params: c.outsideParams,
      body: c.checkInput,
      response: { 200: c.outsideDetail, ...errorResponses },
    },
    handler: (req) =>
      recordCheck(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.outsideStaffId,
        req.body,
      ),
  });

  app.post(`${base}/:outsideStaffId/events`, {
    schema: {
      operationId: 'moveOutsideStaff',
      tags,
      params: c.outsideParams,
      body: c.outsideEventInput,
      response: { 200: c.outsideDetail, ...errorResponses },
    },
    handler: (req) =>
      moveOutside(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.outsideStaffId,
        req.body,
      ),
  });

  app.put(`${base}/:outsideStaffId/account`, {
    schema: {
      operationId: 'linkOutsideStaffAccount',
      tags,
      params: c.outsideParams,
      body: c.outsideAccountInput,
      response: { 200: c.outsideDetail, ...errorResponses },
    },
    handler: (req) =>
      linkOutsideAccount(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.outsideStaffId,
        req.body,
      ),
  });

  app.get('/api/v1/schools/:schoolId/institutions', {
    schema: {
      operationId: 'listApprovedInstitutions',
      tags,
      params: c.outsideSchoolParams,
      response: { 200: c.institutionList, ...errorResponses },
    },
    handler: (req) => listApprovedInstitutions(ctx, requireActor(req), req.params.schoolId),
  });
}
