// HTTP for teacher pay (PAY-1…8): the school's pay events, computing and approving pay runs, the
// pay sheet and its xlsx export, a teacher's statement (their own only) and the term records.
import { z } from 'zod';
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import * as c from './contract';
import { computePay } from './service/compute';
import { listPayEvents, recordPayEvent, withdrawPayEvent } from './service/events';
import {
  approvePayRun,
  exportPaySheet,
  exportTermRecords,
  getMyPayStatement,
  getPayRun,
  getPayStatement,
  getTermRecord,
  listPayRuns,
} from './service/runs';
import { paySheetWorkbook, termRecordsWorkbook } from './xlsx';

const tags = ['pay'];
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function payRoutes(app: App, ctx: AppContext) {
  const school = '/api/v1/schools/:schoolId';
  const term = `${school}/terms/:termId`;

  app.get(`${school}/pay-events`, {
    schema: {
      operationId: 'listPayEvents',
      tags,
      params: c.paySchoolParams,
      querystring: c.payEventQuery,
      response: { 200: c.payEventList, ...errorResponses },
    },
    handler: (req) => listPayEvents(ctx, requireActor(req), req.params.schoolId, req.query.termId),
  });

  app.post(`${school}/pay-events`, {
    schema: {
      operationId: 'recordPayEvent',
      tags,
      params: c.paySchoolParams,
      body: c.payEventInput,
      response: { 201: c.payEventView, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await recordPayEvent(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.body)),
  });

  app.post(`${school}/pay-events/:eventId/withdraw`, {
    schema: {
      operationId: 'withdrawPayEvent',
      tags,
      params: c.payEventParams,
      body: c.withdrawInput,
      response: { 200: c.payEventView, ...errorResponses },
    },
    handler: (req) =>
      withdrawPayEvent(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.eventId,
        req.body.reason,
      ),
  });

  app.post(`${term}/pay-runs`, {
    schema: {
      operationId: 'computePay',
      tags,
      params: c.payTermParams,
      body: c.computeInput,
      response: { 201: c.payRunView, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await computePay(
            ctx,
            requireActor(req),
            metaOf(req),
            req.params.schoolId,
            req.params.termId,
            req.body,
          ),
        ),
  });

  app.get(`${term}/pay-runs`, {
    schema: {
      operationId: 'listPayRuns',
      tags,
      params: c.payTermParams,
      response: { 200: c.payRunList, ...errorResponses },
    },
    handler: (req) => listPayRuns(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.get(`${school}/pay-runs/:runId`, {
    schema: {
      operationId: 'getPayRun',
      tags,
      params: c.payRunParams,
      response: { 200: c.payRunView, ...errorResponses },
    },
    handler: (req) => getPayRun(ctx, requireActor(req), req.params.schoolId, req.params.runId),
  });

  app.post(`${school}/pay-runs/:runId/approve`, {
    schema: {
      operationId: 'approvePayRun',
      tags,
      params: c.payRunParams,
      response: { 200: c.payRunView, ...errorResponses },
    },
    handler: (req) =>
      approvePayRun(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.runId),
  });

  app.get(`${school}/pay-runs/:runId/export`, {
    schema: {
      operationId: 'exportPaySheet',
      tags,
      params: c.payRunParams,
      produces: [xlsxType],
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const run = await exportPaySheet(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.runId,
      );
      const file = await paySheetWorkbook(run, metaOf(req).locale);
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', `attachment; filename="pay-sheet-v${run.version}.xlsx"`)
        .send(file);
    },
  });

  app.get(`${school}/pay-runs/:runId/statements/:userId`, {
    schema: {
      operationId: 'getPayStatement',
      tags,
      params: c.payStatementParams,
      response: { 200: c.payStatement, ...errorResponses },
    },
    handler: (req) =>
      getPayStatement(ctx, requireActor(req), req.params.schoolId, req.params.runId, req.params.userId),
  });

  app.get(`${term}/pay/mine`, {
    schema: {
      operationId: 'getMyPayStatement',
      tags,
      params: c.payTermParams,
      response: { 200: c.myPayStatement, ...errorResponses },
    },
    handler: (req) => getMyPayStatement(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.get(`${term}/pay/records`, {
    schema: {
      operationId: 'getTermRecord',
      tags,
      params: c.payTermParams,
      response: { 200: c.termRecordView, ...errorResponses },
    },
    handler: (req) => getTermRecord(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.get(`${term}/pay/records/export`, {
    schema: {
      operationId: 'exportTermRecords',
      tags,
      params: c.payTermParams,
      produces: [xlsxType],
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const record = await exportTermRecords(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
      );
      const file = await termRecordsWorkbook(record, metaOf(req).locale);
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', 'attachment; filename="term-records.xlsx"')
        .send(file);
    },
  });
}
