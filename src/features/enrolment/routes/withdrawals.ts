// HTTP for withdrawal requests (ENR-6): the family asks, the school reads the queue. The decision
// route belongs to the draw and waitlist work.
import { requireActor } from '../../../server/auth/sessions';
import type { AppContext } from '../../../server/context';
import { type App, errorResponses, metaOf } from '../../../server/http';
import { idempotencyHeaders } from '../../../server/idempotency';
import * as c from '../contract';
import { listWithdrawals, requestWithdrawal } from '../service/withdrawal-request';

const tags = ['enrolment'];

export function withdrawalRoutes(app: App, ctx: AppContext) {
  app.post('/api/v1/schools/:schoolId/applications/:applicationId/withdrawals', {
    schema: {
      operationId: 'requestWithdrawal',
      tags,
      params: c.applicationParams,
      headers: idempotencyHeaders,
      body: c.withdrawalInput,
      response: { 201: c.withdrawalView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await requestWithdrawal(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.applicationId,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.status(answer.status).send(answer.body);
    },
  });

  app.get('/api/v1/schools/:schoolId/withdrawals', {
    schema: {
      operationId: 'listWithdrawals',
      tags,
      params: c.schoolOnlyParams,
      querystring: c.withdrawalListQuery,
      response: { 200: c.withdrawalList, ...errorResponses },
    },
    handler: (req) => listWithdrawals(ctx, requireActor(req), req.params.schoolId, req.query),
  });
}
