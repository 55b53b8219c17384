// HTTP for the monthly settlement, refunds with a second person and the term end (FEE-4, FEE-5,
// 多还少补), with their Excel exports.
import { z } from 'zod';
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import { idempotencyHeaders } from '../../server/idempotency';
import { closeTerm, listClosings } from './service/closing';
import { decideRefund, exportRefunds, listRefundable, listRefunds, proposeRefund } from './service/refunds';
import { settleMonth } from './service/settle';
import { exportSettlement, getSettlement, listTermSettlements } from './service/settle-read';
import * as c from './settlement-contract';

const tags = ['billing'];
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function settlementRoutes(app: App, ctx: AppContext) {
  const term = '/api/v1/schools/:schoolId/terms/:termId';
  const school = '/api/v1/schools/:schoolId';

  app.post(`${term}/settlements`, {
    schema: {
      operationId: 'settleMonth',
      tags,
      params: c.termParams,
      body: c.settleInput,
      response: { 200: c.settlementView, 201: c.settlementView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const view = await settleMonth(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.body.month,
      );
      return reply.status(view.created ? 201 : 200).send(view);
    },
  });

  app.get(`${term}/settlements`, {
    schema: {
      operationId: 'listSettlements',
      tags,
      params: c.termParams,
      response: { 200: c.termSettlements, ...errorResponses },
    },
    handler: (req) => listTermSettlements(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.get(`${school}/settlements/:settlementId`, {
    schema: {
      operationId: 'getSettlement',
      tags,
      params: c.settlementParams,
      querystring: c.linesQuery,
      response: { 200: c.settlementDetail, ...errorResponses },
    },
    handler: (req) =>
      getSettlement(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.settlementId,
        req.query.studentId,
      ),
  });

  app.get(`${school}/settlements/:settlementId/export`, {
    schema: {
      operationId: 'exportSettlement',
      tags,
      params: c.settlementParams,
      produces: [xlsxType],
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const { file, filename } = await exportSettlement(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.settlementId,
      );
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(file);
    },
  });

  app.post(`${school}/refunds`, {
    schema: {
      operationId: 'proposeRefund',
      tags,
      params: c.schoolParams,
      headers: idempotencyHeaders,
      body: c.refundInput,
      response: { 201: c.refundView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await proposeRefund(
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

  app.get(`${school}/refunds`, {
    schema: {
      operationId: 'listRefunds',
      tags,
      params: c.schoolParams,
      querystring: c.refundListQuery,
      response: { 200: c.refundList, ...errorResponses },
    },
    handler: (req) => listRefunds(ctx, requireActor(req), req.params.schoolId, req.query),
  });

  app.get(`${school}/refunds/export`, {
    schema: {
      operationId: 'exportRefunds',
      tags,
      params: c.schoolParams,
      querystring: c.refundListQuery,
      produces: [xlsxType],
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const { file, filename } = await exportRefunds(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.query,
      );
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(file);
    },
  });

  for (const decision of ['approve', 'reject'] as const)
    app.post(`${school}/refunds/:refundId/${decision}`, {
      schema: {
        operationId: decision === 'approve' ? 'approveRefund' : 'rejectRefund',
        tags,
        params: c.refundParams,
        body: c.decisionInput,
        response: { 200: c.refundView, ...errorResponses },
      },
      handler: (req) =>
        decideRefund(
          ctx,
          requireActor(req),
          metaOf(req),
          req.params.schoolId,
          req.params.refundId,
          decision,
          req.body,
        ),
    });

  app.get(`${term}/refundable`, {
    schema: {
      operationId: 'listRefundable',
      tags,
      params: c.termParams,
      querystring: c.refundableQuery,
      response: { 200: c.refundableView, ...errorResponses },
    },
    handler: (req) =>
      listRefundable(ctx, requireActor(req), req.params.schoolId, req.params.termId, req.query.stream),
  });

  app.post(`${term}/closings`, {
    schema: {
      operationId: 'closeTerm',
      tags,
      params: c.termParams,
      body: c.closingInput,
      response: { 200: c.closingResult, ...errorResponses },
    },
    handler: (req) =>
      closeTerm(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.termId, req.body),
  });

  app.get(`${term}/closings`, {
    schema: {
      operationId: 'listClosings',
      tags,
      params: c.termParams,
      response: { 200: c.closingList, ...errorResponses },
    },
    handler: (req) => listClosings(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });
}
