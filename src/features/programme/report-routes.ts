// HTTP for what the programme tells people: the notice to parents (PROG-7), the 5+2 report
// (PROG-4) for a school and a district, and the demand survey (PROG-8).
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import * as c from './contract';
import { getClassDemand, getDemandSummary, recordDemand } from './service/demand';
import {
  getDraft,
  getNoticeVersion,
  getPublishedNotice,
  listNoticeVersions,
  previewNotice,
  publishNotice,
  saveDraft,
} from './service/notice';
import { districtFivePlusTwo, schoolFivePlusTwo } from './service/report';

const tags = ['programme'];

export function reportRoutes(app: App, ctx: AppContext) {
  const term = '/api/v1/schools/:schoolId/terms/:termId';

  app.get(`${term}/notice`, {
    schema: {
      operationId: 'getPublishedNotice',
      tags,
      params: c.termParams,
      response: { 200: c.publishedNotice, ...errorResponses },
    },
    handler: (req) => getPublishedNotice(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.get(`${term}/notice/draft`, {
    schema: {
      operationId: 'getNoticeDraft',
      tags,
      params: c.termParams,
      response: { 200: c.noticeDraftView, ...errorResponses },
    },
    handler: (req) => getDraft(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.put(`${term}/notice/draft`, {
    schema: {
      operationId: 'saveNoticeDraft',
      tags,
      params: c.termParams,
      body: c.noticeTexts,
      response: { 200: c.noticeDraftView, ...errorResponses },
    },
    handler: (req) =>
      saveDraft(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.termId, req.body),
  });

  app.get(`${term}/notice/preview`, {
    schema: {
      operationId: 'previewNotice',
      tags,
      params: c.termParams,
      response: { 200: c.noticeContent, ...errorResponses },
    },
    handler: (req) => previewNotice(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.post(`${term}/notice/publish`, {
    schema: {
      operationId: 'publishNotice',
      tags,
      params: c.termParams,
      response: { 201: c.publishedNotice, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await publishNotice(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.termId),
        ),
  });

  app.get(`${term}/notice/versions`, {
    schema: {
      operationId: 'listNoticeVersions',
      tags,
      params: c.termParams,
      response: { 200: c.noticeVersions, ...errorResponses },
    },
    handler: (req) => listNoticeVersions(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.get(`${term}/notice/versions/:version`, {
    schema: {
      operationId: 'getNoticeVersion',
      tags,
      params: c.versionParams,
      response: { 200: c.publishedNotice, ...errorResponses },
    },
    handler: (req) =>
      getNoticeVersion(ctx, requireActor(req), req.params.schoolId, req.params.termId, req.params.version),
  });

  app.get(`${term}/five-plus-two`, {
    schema: {
      operationId: 'getFivePlusTwoReport',
      tags,
      params: c.termParams,
      response: { 200: c.fivePlusTwoView, ...errorResponses },
    },
    handler: (req) => schoolFivePlusTwo(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.get('/api/v1/districts/:districtId/five-plus-two', {
    schema: {
      operationId: 'getDistrictFivePlusTwoReport',
      tags,
      params: c.districtParams,
      querystring: c.districtQuery,
      response: { 200: c.districtReport, ...errorResponses },
    },
    handler: (req) => districtFivePlusTwo(ctx, requireActor(req), req.params.districtId, req.query.from),
  });

  app.get(`${term}/demand`, {
    schema: {
      operationId: 'getDemandSummary',
      tags,
      params: c.termParams,
      response: { 200: c.demandSummary, ...errorResponses },
    },
    handler: (req) => getDemandSummary(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.get(`${term}/demand/classes/:classId`, {
    schema: {
      operationId: 'getClassDemand',
      tags,
      params: c.classDemandParams,
      response: { 200: c.classDemand, ...errorResponses },
    },
    handler: (req) =>
      getClassDemand(ctx, requireActor(req), req.params.schoolId, req.params.termId, req.params.classId),
  });

  app.put(`${term}/demand/students/:studentId`, {
    schema: {
      operationId: 'recordDemand',
      tags,
      params: c.studentDemandParams,
      body: c.demandInput,
      response: { 200: c.demandRow, ...errorResponses },
    },
    handler: (req) =>
      recordDemand(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.params.studentId,
        req.body,
      ),
  });
}
