// HTTP for people: schools, classes, students, guardians, authorised adults, staff, roster.
import { z } from 'zod';
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { AppError } from '../../server/errors';
import { type App, errorResponses, metaOf } from '../../server/http';
import * as c from './contract';
import { addAdult, addGuardian, revokeAdult, unlinkGuardian } from './service/guardians';
import { exportRoster, importRoster, listRoster } from './service/roster';
import { listClassesOf } from './service/schools';
import { createStaff, grantRole, listStaff, revokeRole, updateStaff } from './service/staff';
import { createStudent, getStudent, listStudents, setCategories, updateStudent } from './service/students';

const tags = ['people'];
const maxRosterBytes = 10 * 1024 * 1024;

export function peopleRoutes(app: App, ctx: AppContext) {
  const base = '/api/v1/schools/:schoolId';

  app.get(`${base}/classes`, {
    schema: {
      operationId: 'listClasses',
      tags,
      params: c.schoolParams,
      response: { 200: c.classList, ...errorResponses },
    },
    handler: async (req) => ({ items: await listClassesOf(ctx, requireActor(req), req.params.schoolId) }),
  });

  app.get(`${base}/students`, {
    schema: {
      operationId: 'listStudents',
      tags,
      params: c.schoolParams,
      querystring: c.studentListQuery,
      response: { 200: c.studentList, ...errorResponses },
    },
    handler: (req) => listStudents(ctx, requireActor(req), req.params.schoolId, req.query),
  });

  app.post(`${base}/students`, {
    schema: {
      operationId: 'createStudent',
      tags,
      params: c.schoolParams,
      body: c.studentCreate,
      response: { 201: c.studentDetail, ...errorResponses },
    },
    handler: async (req, reply) => {
      const student = await createStudent(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.body);
      return reply.status(201).send(student);
    },
  });

  app.get(`${base}/students/:studentId`, {
    schema: {
      operationId: 'getStudent',
      tags,
      params: c.studentParams,
      response: { 200: c.studentDetail, ...errorResponses },
    },
    handler: (req) => getStudent(ctx, requireActor(req), req.params.schoolId, req.params.studentId),
  });

  app.patch(`${base}/students/:studentId`, {
    schema: {
      operationId: 'updateStudent',
      tags,
      params: c.studentParams,
      body: c.studentUpdate,
      response: { 200: c.studentDetail, ...errorResponses },
    },
    handler: (req) =>
      updateStudent(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.studentId, req.body),
  });

  app.put(`${base}/students/:studentId/categories`, {
    schema: {
      operationId: 'setStudentCategories',
      tags,
      params: c.studentParams,
      body: c.categoriesUpdate,
      response: { 200: c.studentDetail, ...errorResponses },
    },
    handler: (req) =>
      setCategories(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.studentId, req.body),
  });

  app.post(`${base}/students/:studentId/guardians`, {
    schema: {
      operationId: 'addGuardian',
      tags,
      params: c.studentParams,
      body: c.guardianInput,
      response: { 200: c.studentDetail, ...errorResponses },
    },
    handler: (req) =>
      addGuardian(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.studentId, req.body),
  });

  app.delete(`${base}/students/:studentId/guardians/:guardianId`, {
    schema: {
      operationId: 'unlinkGuardian',
      tags,
      params: c.guardianParams,
      response: { 200: c.studentDetail, ...errorResponses },
    },
    handler: (req) =>
      unlinkGuardian(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.studentId,
        req.params.guardianId,
      ),
  });

  app.post(`${base}/students/:studentId/adults`, {
    schema: {
      operationId: 'authoriseAdult',
      tags,
      params: c.studentParams,
      body: c.adultInput,
      response: { 200: c.studentDetail, ...errorResponses },
    },
    handler: (req) =>
      addAdult(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.studentId, req.body),
  });

  app.post(`${base}/students/:studentId/adults/:adultId/revoke`, {
    schema: {
      operationId: 'revokeAdult',
      tags,
      params: c.adultParams,
      response: { 200: c.studentDetail, ...errorResponses },
    },
    handler: (req) =>
      revokeAdult(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.studentId,
        req.params.adultId,
      ),
  });

  app.get(`${base}/staff`, {
    schema: {
      operationId: 'listStaff',
      tags,
      params: c.schoolParams,
      response: { 200: c.staffList, ...errorResponses },
    },
    handler: async (req) => ({ items: await listStaff(ctx, requireActor(req), req.params.schoolId) }),
  });

  app.post(`${base}/staff`, {
    schema: {
      operationId: 'createStaff',
      tags,
      params: c.schoolParams,
      body: c.staffCreate,
      response: { 200: c.staffList, ...errorResponses },
    },
    handler: async (req) => ({
      items: await createStaff(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.body),
    }),
  });

  app.patch(`${base}/staff/:userId`, {
    schema: {
      operationId: 'updateStaff',
      tags,
      params: c.staffParams,
      body: c.staffUpdate,
      response: { 200: c.staffList, ...errorResponses },
    },
    handler: async (req) => ({
      items: await updateStaff(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.userId,
        req.body,
      ),
    }),
  });

  app.post(`${base}/staff/:userId/grants`, {
    schema: {
      operationId: 'grantRole',
      tags,
      params: c.staffParams,
      body: c.grantCreate,
      response: { 200: c.staffList, ...errorResponses },
    },
    handler: async (req) => ({
      items: await grantRole(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.userId,
        req.body,
      ),
    }),
  });

  app.delete(`${base}/staff/:userId/grants/:grantId`, {
    schema: {
      operationId: 'revokeRole',
      tags,
      params: c.grantParams,
      response: { 200: c.staffList, ...errorResponses },
    },
    handler: async (req) => ({
      items: await revokeRole(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.userId,
        req.params.grantId,
      ),
    }),
  });

  app.post(`${base}/roster/import`, {
    schema: {
      operationId: 'importRoster',
      tags,
      params: c.schoolParams,
      querystring: c.rosterImportQuery,
      consumes: ['multipart/form-data'],
      response: { 200: c.rosterImportResult, ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const part = await req.file({ limits: { fileSize: maxRosterBytes, files: 1 } });
      if (!part) throw new AppError('ROSTER_EMPTY');
      let file: Buffer;
      try {
        file = await part.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError('ROSTER_TOO_LARGE', { limitMb: maxRosterBytes / 1024 / 1024 });
        }
        throw error;
      }
      return importRoster(ctx, actor, metaOf(req), req.params.schoolId, file, req.query.dryRun);
    },
  });

  app.get(`${base}/roster`, {
    schema: {
      operationId: 'getRoster',
      tags,
      params: c.schoolParams,
      querystring: c.rosterQuery,
      response: { 200: c.roster, ...errorResponses },
    },
    handler: async (req) => ({
      items: await listRoster(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.query),
    }),
  });

  app.get(`${base}/roster/export`, {
    schema: {
      operationId: 'exportRoster',
      tags,
      params: c.schoolParams,
      querystring: c.rosterExportQuery,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const { file, filename } = await exportRoster(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.query.classId,
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(file);
    },
  });
}
