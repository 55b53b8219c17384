// HTTP for meals (FEE-7): a month's meal bills (read, issue, xlsx) and a student's meal opt-in.
import { z } from 'zod';
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import * as c from './meals-contract';
import { issueMealBills, mealBillsFile, mealMonthOf, setMealOptIn, studentMealsOf } from './service/meals';

const tags = ['meals'];
const base = '/api/v1/schools/:schoolId/terms/:termId/meals';

export function mealRoutes(app: App, ctx: AppContext) {
  app.get(base, {
    schema: {
      operationId: 'getMealMonth',
      tags,
      params: c.termParams,
      querystring: c.monthQuery,
      response: { 200: c.mealMonth, ...errorResponses },
    },
    handler: (req) =>
      mealMonthOf(ctx, requireActor(req), req.params.schoolId, req.params.termId, req.query.month),
  });

  app.post(`${base}/bills`, {
    schema: {
      operationId: 'issueMealBills',
      tags,
      description:
        'FEE-7: one bill per student with meals, after the month has ended; issuing again writes nothing new.',
      params: c.termParams,
      body: c.issueInput,
      response: { 200: c.mealMonth, ...errorResponses },
    },
    handler: (req) =>
      issueMealBills(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.body.month,
      ),
  });

  app.get(`${base}/bills/export`, {
    schema: {
      operationId: 'exportMealBills',
      tags,
      params: c.termParams,
      querystring: c.monthQuery,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const { file, filename } = await mealBillsFile(
        ctx,
        requireActor(req),
        req.params.schoolId,
        req.params.termId,
        req.query.month,
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(file);
    },
  });

  app.get('/api/v1/schools/:schoolId/students/:studentId/meals', {
    schema: {
      operationId: 'getStudentMeals',
      tags,
      params: c.studentParams,
      querystring: c.studentQuery,
      response: { 200: c.studentMeals, ...errorResponses },
    },
    handler: (req) =>
      studentMealsOf(ctx, requireActor(req), req.params.schoolId, req.params.studentId, req.query.termId),
  });

  app.post('/api/v1/schools/:schoolId/students/:studentId/meal-optins', {
    schema: {
      operationId: 'setMealOptIn',
      tags,
      description:
        'FEE-7: the family (from today) or finance (any day of the term) opts a student in or out.',
      params: c.studentParams,
      body: c.optInput,
      response: { 200: c.studentMeals, ...errorResponses },
    },
    handler: (req) =>
      setMealOptIn(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.studentId, req.body),
  });
}
