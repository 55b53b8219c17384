// HTTP for term bills (FEE-4, FEE-6, FEE-11): issue, one student's bill, the finance lists and
// their Excel export, a family's children.
import { z } from 'zod';
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import { idempotencyHeaders } from '../../server/idempotency';
import * as c from './bills-contract';
import { issueTermBills } from './service/bills-issue';
import { exportTermBills, getStudentBill, listFamilyBills, listTermBills } from './service/bills-read';

const tags = ['billing'];
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function billRoutes(app: App, ctx: AppContext) {
  app.post('/api/v1/schools/:schoolId/terms/:termId/bills/issue', {
    schema: {
      operationId: 'issueTermBills',
      tags,
      params: c.termParams,
      headers: idempotencyHeaders,
      body: c.issueInput,
      response: { 200: c.issueResult, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await issueTermBills(
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

  app.get('/api/v1/schools/:schoolId/terms/:termId/bills', {
    schema: {
      operationId: 'listTermBills',
      tags,
      params: c.termParams,
      querystring: c.billListQuery,
      response: { 200: c.billList, ...errorResponses },
    },
    handler: (req) =>
      listTermBills(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.termId, req.query),
  });

  app.get('/api/v1/schools/:schoolId/terms/:termId/bills/export', {
    schema: {
      operationId: 'exportTermBills',
      tags,
      params: c.termParams,
      querystring: c.billListQuery,
      produces: [xlsx],
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const { file, filename } = await exportTermBills(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.query,
      );
      return reply
        .header('content-type', xlsx)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(file);
    },
  });

  app.get('/api/v1/schools/:schoolId/terms/:termId/students/:studentId/bill', {
    schema: {
      operationId: 'getStudentBill',
      tags,
      params: c.studentBillParams,
      response: { 200: c.studentBill, ...errorResponses },
    },
    handler: (req) =>
      getStudentBill(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.params.studentId,
      ),
  });

  app.get('/api/v1/schools/:schoolId/terms/:termId/family-bills', {
    schema: {
      operationId: 'listFamilyBills',
      tags,
      params: c.termParams,
      response: { 200: c.familyBills, ...errorResponses },
    },
    handler: (req) =>
      listFamilyBills(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.termId),
  });
}
