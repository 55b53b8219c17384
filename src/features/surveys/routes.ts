// HTTP for surveys (SURV-1, SURV-2): build, open and close (the school), answer (families), results
// and their xlsx (the school and the district), and a teacher's own scores.
import { z } from 'zod';
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import { idempotencyHeaders } from '../../server/idempotency';
import * as c from './contract';
import { submitSurveyResponse } from './service/answer';
import { closeSurvey, createSurvey, openSurvey, updateSurvey } from './service/manage';
import { getSurvey, listSurveys } from './service/read';
import { exportSurveyResults, getMyTeacherScores, getSurveyResults } from './service/results';
import { resultsWorkbook } from './xlsx';

const tags = ['surveys'];
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function surveyRoutes(app: App, ctx: AppContext) {
  const base = '/api/v1/schools/:schoolId/surveys';

  app.post('/api/v1/schools/:schoolId/terms/:termId/surveys', {
    schema: {
      operationId: 'createSurvey',
      tags,
      params: c.surveyTermParams,
      headers: idempotencyHeaders,
      body: c.createSurveyInput,
      response: { 201: c.surveyView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await createSurvey(
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

  app.get(base, {
    schema: {
      operationId: 'listSurveys',
      tags,
      params: c.surveySchoolParams,
      querystring: c.listQuery,
      response: { 200: c.surveyList, ...errorResponses },
    },
    handler: (req) => listSurveys(ctx, requireActor(req), req.params.schoolId, req.query.termId),
  });

  app.get(`${base}/:surveyId`, {
    schema: {
      operationId: 'getSurvey',
      tags,
      params: c.surveyParams,
      response: { 200: c.surveyView, ...errorResponses },
    },
    handler: (req) => getSurvey(ctx, requireActor(req), req.params.schoolId, req.params.surveyId),
  });

  app.patch(`${base}/:surveyId`, {
    schema: {
      operationId: 'updateSurvey',
      tags,
      params: c.surveyParams,
      headers: idempotencyHeaders,
      body: c.updateSurveyInput,
      response: { 200: c.surveyView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await updateSurvey(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.surveyId,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.status(answer.status).send(answer.body);
    },
  });

  for (const [path, operationId, run] of [
    ['open', 'openSurvey', openSurvey],
    ['close', 'closeSurvey', closeSurvey],
  ] as const) {
    app.post(`${base}/:surveyId/${path}`, {
      schema: {
        operationId,
        tags,
        params: c.surveyParams,
        headers: idempotencyHeaders,
        response: { 200: c.surveyView, ...errorResponses },
      },
      handler: async (req, reply) => {
        const answer = await run(
          ctx,
          requireActor(req),
          metaOf(req),
          req.params.schoolId,
          req.params.surveyId,
          req.headers['idempotency-key'],
        );
        return reply.status(answer.status).send(answer.body);
      },
    });
  }

  app.post(`${base}/:surveyId/responses`, {
    schema: {
      operationId: 'submitSurveyResponse',
      tags,
      params: c.surveyParams,
      headers: idempotencyHeaders,
      body: c.submitResponseInput,
      response: { 201: c.responseReceipt, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await submitSurveyResponse(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.surveyId,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.status(answer.status).send(answer.body);
    },
  });

  app.get(`${base}/:surveyId/results`, {
    schema: {
      operationId: 'getSurveyResults',
      tags,
      params: c.surveyParams,
      response: { 200: c.surveyResults, ...errorResponses },
    },
    handler: (req) => getSurveyResults(ctx, requireActor(req), req.params.schoolId, req.params.surveyId),
  });

  app.get(`${base}/:surveyId/results/export`, {
    schema: {
      operationId: 'exportSurveyResults',
      tags,
      params: c.surveyParams,
      produces: [xlsxType],
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const results = await exportSurveyResults(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.surveyId,
      );
      const file = await resultsWorkbook(results, metaOf(req).locale);
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', `attachment; filename="survey-${results.survey.id}.xlsx"`)
        .send(file);
    },
  });

  app.get('/api/v1/schools/:schoolId/my-survey-scores', {
    schema: {
      operationId: 'getMyTeacherScores',
      tags,
      params: c.surveySchoolParams,
      querystring: c.scoresQuery,
      response: { 200: c.myScores, ...errorResponses },
    },
    handler: (req) => getMyTeacherScores(ctx, requireActor(req), req.params.schoolId, req.query.termId),
  });
}
