// HTTP for the service fund: subsidy and expenses (FEE-2, FEE-8), the fund statement, its lines,
// publishing, the published versions, the district's list and the xlsx exports (FEE-9, FEE-11).
import { z } from 'zod';
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import { idempotencyHeaders } from '../../server/idempotency';
import * as c from './fund-contract';
import { documentsWorkbook, statementWorkbook } from './fund-xlsx';
import {
  getExpectedSubsidy,
  listFundDocuments,
  recordFundDocument,
  reverseFundDocument,
} from './service/fund-documents';
import {
  getPublishedStatement,
  getWorkingStatement,
  listDistrictStatements,
  listPublishedStatements,
  listStatementLines,
  publishStatement,
} from './service/fund-statements';

const tags = ['fund'];
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function fundRoutes(app: App, ctx: AppContext) {
  const termBase = '/api/v1/schools/:schoolId/terms/:termId/fund';

  app.post(`${termBase}/documents`, {
    schema: {
      operationId: 'recordFundDocument',
      tags,
      params: c.fundTermParams,
      headers: idempotencyHeaders,
      body: c.fundDocumentInput,
      response: { 201: c.fundDocumentView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await recordFundDocument(
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

  app.get(`${termBase}/documents`, {
    schema: {
      operationId: 'listFundDocuments',
      tags,
      params: c.fundTermParams,
      querystring: c.fundDocumentQuery,
      response: { 200: c.fundDocumentList, ...errorResponses },
    },
    handler: (req) =>
      listFundDocuments(ctx, requireActor(req), req.params.schoolId, req.params.termId, req.query.kind),
  });

  app.get(`${termBase}/documents/export`, {
    schema: {
      operationId: 'exportFundDocuments',
      tags,
      params: c.fundTermParams,
      querystring: c.fundDocumentQuery,
      produces: [xlsxType],
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const meta = metaOf(req);
      const { items } = await listFundDocuments(
        ctx,
        requireActor(req),
        req.params.schoolId,
        req.params.termId,
        req.query.kind,
      );
      const file = await documentsWorkbook(items, meta.locale);
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', `attachment; filename="fund-${req.query.kind ?? 'all'}.xlsx"`)
        .send(file);
    },
  });

  app.post('/api/v1/schools/:schoolId/fund/documents/:documentId/reverse', {
    schema: {
      operationId: 'reverseFundDocument',
      tags,
      params: c.fundDocumentParams,
      headers: idempotencyHeaders,
      body: c.reverseInput,
      response: { 200: c.fundDocumentView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await reverseFundDocument(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.documentId,
        req.body.reason,
        req.headers['idempotency-key'],
      );
      return reply.status(answer.status).send(answer.body);
    },
  });

  app.get(`${termBase}/subsidy-expected`, {
    schema: {
      operationId: 'getExpectedSubsidy',
      tags,
      params: c.fundTermParams,
      response: { 200: c.expectedSubsidyView, ...errorResponses },
    },
    handler: (req) => getExpectedSubsidy(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.get(`${termBase}/statement`, {
    schema: {
      operationId: 'getWorkingFundStatement',
      tags,
      params: c.fundTermParams,
      querystring: c.statementQuery,
      response: { 200: c.workingStatement, ...errorResponses },
    },
    handler: (req) =>
      getWorkingStatement(ctx, requireActor(req), req.params.schoolId, req.params.termId, req.query.period),
  });

  app.get(`${termBase}/statement/lines`, {
    schema: {
      operationId: 'listFundStatementLines',
      tags,
      params: c.fundTermParams,
      querystring: c.linesQuery,
      response: { 200: c.statementLines, ...errorResponses },
    },
    handler: (req) =>
      listStatementLines(
        ctx,
        requireActor(req),
        metaOf(req).locale,
        req.params.schoolId,
        req.params.termId,
        req.query,
      ),
  });

  app.post(`${termBase}/statements`, {
    schema: {
      operationId: 'publishFundStatement',
      tags,
      params: c.fundTermParams,
      headers: idempotencyHeaders,
      body: c.publishInput,
      response: { 201: c.publishedStatement, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await publishStatement(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.body.period,
        req.headers['idempotency-key'],
      );
      return reply.status(answer.status).send(answer.body);
    },
  });

  app.get('/api/v1/schools/:schoolId/fund-statements', {
    schema: {
      operationId: 'listPublishedFundStatements',
      tags,
      params: c.fundSchoolParams,
      querystring: c.publishedQuery,
      response: { 200: c.publishedList, ...errorResponses },
    },
    handler: (req) => listPublishedStatements(ctx, requireActor(req), req.params.schoolId, req.query.termId),
  });

  app.get('/api/v1/schools/:schoolId/fund-statements/:statementId', {
    schema: {
      operationId: 'getPublishedFundStatement',
      tags,
      params: c.fundStatementParams,
      response: { 200: c.publishedStatement, ...errorResponses },
    },
    handler: (req) =>
      getPublishedStatement(ctx, requireActor(req), req.params.schoolId, req.params.statementId),
  });

  app.get('/api/v1/schools/:schoolId/fund-statements/:statementId/export', {
    schema: {
      operationId: 'exportFundStatement',
      tags,
      params: c.fundStatementParams,
      produces: [xlsxType],
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const meta = metaOf(req);
      const statement = await getPublishedStatement(
        ctx,
        requireActor(req),
        req.params.schoolId,
        req.params.statementId,
      );
      const file = await statementWorkbook(statement, meta.locale);
      return reply
        .header('content-type', xlsxType)
        .header(
          'content-disposition',
          `attachment; filename="fund-statement-${statement.period}-v${statement.version}.xlsx"`,
        )
        .send(file);
    },
  });

  app.get('/api/v1/districts/:districtId/fund-statements', {
    schema: {
      operationId: 'listDistrictFundStatements',
      tags,
      params: c.fundDistrictParams,
      querystring: c.districtQuery,
      response: { 200: c.publishedList, ...errorResponses },
    },
    handler: (req) => listDistrictStatements(ctx, requireActor(req), req.params.districtId, req.query.all),
  });
}
