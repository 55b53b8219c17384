// HTTP for the district's outside institutions (DIST-2): the district's list, detail, export,
// registration with courses, courses added and retired, status changes with reasons, complaints
// handled; the school's catalogue, bookings, evaluations and complaints.
import { z } from 'zod';
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import * as c from './institutions-contract';
import { institutionsWorkbook } from './institutions-xlsx';
import {
  addInstitutionCourse,
  registerInstitution,
  retireInstitutionCourse,
} from './service/institutions-courses';
import {
  getDistrictInstitution,
  getSchoolFeedback,
  listDistrictInstitutions,
  listInstitutionCatalogue,
} from './service/institutions-read';
import {
  bookInstitutionCourse,
  complainAboutInstitution,
  evaluateInstitution,
  listInstitutionBookings,
} from './service/institutions-school';
import { handleInstitutionComplaint, moveInstitution } from './service/institutions-status';

const tags = ['institutions'];
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function institutionRoutes(app: App, ctx: AppContext) {
  const base = '/api/v1/districts/:districtId/institutions';
  const one = `${base}/:institutionId`;

  app.get(base, {
    schema: {
      operationId: 'listDistrictInstitutions',
      tags,
      params: c.districtParams,
      querystring: c.institutionListQuery,
      response: { 200: c.institutionSummaryList, ...errorResponses },
    },
    handler: (req) =>
      listDistrictInstitutions(ctx, requireActor(req), req.params.districtId, req.query.status),
  });

  app.get(`${base}/export`, {
    schema: {
      operationId: 'exportDistrictInstitutions',
      tags,
      params: c.districtParams,
      querystring: c.institutionListQuery,
      produces: [xlsxType],
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const { items } = await listDistrictInstitutions(
        ctx,
        requireActor(req),
        req.params.districtId,
        req.query.status,
      );
      const file = await institutionsWorkbook(items, metaOf(req).locale);
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', 'attachment; filename="institutions.xlsx"')
        .send(file);
    },
  });

  app.post(base, {
    schema: {
      operationId: 'registerInstitution',
      tags,
      params: c.districtParams,
      body: c.institutionInput,
      response: { 201: c.institutionSummary, ...errorResponses },
    },
    handler: async (req, reply) => {
      const row = await registerInstitution(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.districtId,
        req.body,
      );
      return reply.status(201).send(row);
    },
  });

  app.get(one, {
    schema: {
      operationId: 'getDistrictInstitution',
      tags,
      params: c.institutionParams,
      response: { 200: c.institutionDetail, ...errorResponses },
    },
    handler: (req) =>
      getDistrictInstitution(ctx, requireActor(req), req.params.districtId, req.params.institutionId),
  });

  app.post(`${one}/events`, {
    schema: {
      operationId: 'moveInstitution',
      tags,
      params: c.institutionParams,
      body: c.institutionEventInput,
      response: { 200: c.institutionSummary, ...errorResponses },
    },
    handler: (req) =>
      moveInstitution(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.districtId,
        req.params.institutionId,
        req.body,
      ),
  });

  app.post(`${one}/courses`, {
    schema: {
      operationId: 'addInstitutionCourse',
      tags,
      params: c.institutionParams,
      body: c.courseInput,
      response: { 201: c.courseView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const course = await addInstitutionCourse(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.districtId,
        req.params.institutionId,
        req.body,
      );
      return reply.status(201).send(course);
    },
  });

  app.post(`${one}/courses/:courseId/retire`, {
    schema: {
      operationId: 'retireInstitutionCourse',
      tags,
      params: c.courseParams,
      response: { 200: c.courseView, ...errorResponses },
    },
    handler: (req) =>
      retireInstitutionCourse(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.districtId,
        req.params.institutionId,
        req.params.courseId,
      ),
  });

  app.post(`${one}/complaints/:complaintId/handle`, {
    schema: {
      operationId: 'handleInstitutionComplaint',
      tags,
      params: c.complaintParams,
      body: c.complaintHandleInput,
      response: { 200: c.complaintView, ...errorResponses },
    },
    handler: (req) =>
      handleInstitutionComplaint(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.districtId,
        req.params.institutionId,
        req.params.complaintId,
        req.body,
      ),
  });

  // ---- the school's side ----
  const school = '/api/v1/schools/:schoolId';

  app.get(`${school}/institution-catalogue`, {
    schema: {
      operationId: 'listInstitutionCatalogue',
      tags,
      params: c.schoolParams,
      response: { 200: c.catalogue, ...errorResponses },
    },
    handler: (req) => listInstitutionCatalogue(ctx, requireActor(req), req.params.schoolId),
  });

  app.get(`${school}/institution-bookings`, {
    schema: {
      operationId: 'listInstitutionBookings',
      tags,
      params: c.schoolParams,
      response: { 200: c.bookingList, ...errorResponses },
    },
    handler: (req) => listInstitutionBookings(ctx, requireActor(req), req.params.schoolId),
  });

  app.post(`${school}/institutions/:institutionId/bookings`, {
    schema: {
      operationId: 'bookInstitutionCourse',
      tags,
      params: c.schoolInstitutionParams,
      body: c.bookingInput,
      response: { 201: c.bookingView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const booking = await bookInstitutionCourse(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.institutionId,
        req.body,
      );
      return reply.status(201).send(booking);
    },
  });

  app.get(`${school}/institutions/:institutionId/feedback`, {
    schema: {
      operationId: 'getSchoolInstitutionFeedback',
      tags,
      params: c.schoolInstitutionParams,
      response: { 200: c.schoolFeedback, ...errorResponses },
    },
    handler: (req) =>
      getSchoolFeedback(ctx, requireActor(req), req.params.schoolId, req.params.institutionId),
  });

  app.post(`${school}/institutions/:institutionId/evaluations`, {
    schema: {
      operationId: 'evaluateInstitution',
      tags,
      params: c.schoolInstitutionParams,
      body: c.evaluationInput,
      response: { 201: c.evaluationView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const row = await evaluateInstitution(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.institutionId,
        req.body,
      );
      return reply.status(201).send(row);
    },
  });

  app.post(`${school}/institutions/:institutionId/complaints`, {
    schema: {
      operationId: 'complainAboutInstitution',
      tags,
      params: c.schoolInstitutionParams,
      body: c.complaintInput,
      response: { 201: c.complaintView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const row = await complainAboutInstitution(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.institutionId,
        req.body,
      );
      return reply.status(201).send(row);
    },
  });
}
