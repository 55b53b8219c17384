// HTTP for temporary classes (临时班, STAFF-1…3). The duty roster registers its own routes.

import { z } from 'zod';
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import { idempotencyHeaders } from '../../server/idempotency';
import * as c from './contract';
import { generateTempClasses } from './service/generate';
import { moveStudent, setSeat } from './service/move';
import { placeNewStudents } from './service/place';
import {
  exportTempClasses,
  listOfferingSummaries,
  listTempClasses,
  printTempClass,
  readClassDetail,
  studentTempClasses,
} from './service/read';
import { updateTempClass } from './service/update';

const tags = ['groups'];

export function tempClassRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/schools/:schoolId/terms/:termId/temp-class-offerings', {
    schema: {
      operationId: 'listTempClassOfferings',
      tags,
      params: c.termParams,
      response: { 200: c.offeringSummaryList, ...errorResponses },
    },
    handler: (req) => listOfferingSummaries(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.post('/api/v1/schools/:schoolId/terms/:termId/temp-classes/generate', {
    schema: {
      operationId: 'generateTempClasses',
      tags,
      params: c.termParams,
      body: c.generateInput,
      response: { 200: c.generateResult, ...errorResponses },
    },
    handler: (req) =>
      generateTempClasses(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.body,
      ),
  });

  app.post('/api/v1/schools/:schoolId/terms/:termId/offerings/:offeringId/temp-classes/place', {
    schema: {
      operationId: 'placeNewStudents',
      tags,
      params: c.offeringParams,
      response: { 200: c.placeResult, ...errorResponses },
    },
    handler: (req) =>
      placeNewStudents(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.params.offeringId,
      ),
  });

  app.get('/api/v1/schools/:schoolId/terms/:termId/temp-classes', {
    schema: {
      operationId: 'listTempClasses',
      tags,
      params: c.termParams,
      querystring: c.classListQuery,
      response: { 200: c.classList, ...errorResponses },
    },
    handler: (req) =>
      listTempClasses(ctx, requireActor(req), req.params.schoolId, req.params.termId, req.query),
  });

  app.get('/api/v1/schools/:schoolId/terms/:termId/temp-classes/export', {
    schema: {
      operationId: 'exportTempClasses',
      tags,
      params: c.termParams,
      querystring: c.exportQuery,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const { file, filename } = await exportTempClasses(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.query.offeringId,
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(file);
    },
  });

  app.get('/api/v1/schools/:schoolId/temp-classes/:classId', {
    schema: {
      operationId: 'getTempClass',
      tags,
      params: c.classParams,
      response: { 200: c.classDetail, ...errorResponses },
    },
    handler: (req) => readClassDetail(ctx, requireActor(req), req.params.schoolId, req.params.classId),
  });

  app.patch('/api/v1/schools/:schoolId/temp-classes/:classId', {
    schema: {
      operationId: 'updateTempClass',
      tags,
      params: c.classParams,
      body: c.classUpdate,
      response: { 200: c.classDetail, ...errorResponses },
    },
    handler: (req) =>
      updateTempClass(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.classId, req.body),
  });

  app.post('/api/v1/schools/:schoolId/temp-classes/:classId/moves', {
    schema: {
      operationId: 'moveTempClassStudent',
      tags,
      params: c.classParams,
      headers: idempotencyHeaders,
      body: c.moveInput,
      response: { 200: c.moveResult, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await moveStudent(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.classId,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.status(answer.status).send(answer.body);
    },
  });

  app.put('/api/v1/schools/:schoolId/temp-classes/:classId/seats', {
    schema: {
      operationId: 'setTempClassSeat',
      tags,
      params: c.classParams,
      body: c.seatInput,
      response: { 200: c.classDetail, ...errorResponses },
    },
    handler: (req) =>
      setSeat(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.classId, req.body),
  });

  app.get('/api/v1/schools/:schoolId/temp-classes/:classId/print', {
    schema: {
      operationId: 'printTempClass',
      tags,
      params: c.classParams,
      querystring: c.printQuery,
      response: { 200: c.printView, ...errorResponses },
    },
    handler: (req) =>
      printTempClass(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.classId, req.query),
  });

  app.get('/api/v1/schools/:schoolId/students/:studentId/temp-classes', {
    schema: {
      operationId: 'listStudentTempClasses',
      tags,
      params: c.studentParams,
      querystring: c.studentClassesQuery,
      response: { 200: c.studentClassList, ...errorResponses },
    },
    handler: (req) =>
      studentTempClasses(ctx, requireActor(req), req.params.schoolId, req.params.studentId, req.query.termId),
  });
}
