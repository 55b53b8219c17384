import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses } from '../../server/http';
import { schoolParams } from '../people/contract';
import { auditList, auditQuery } from './contract';
import { readAudit } from './service';

export function auditRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/schools/:schoolId/audit', {
    schema: {
      operationId: 'listAudit',
      tags: ['audit'],
      params: schoolParams,
      querystring: auditQuery,
      response: { 200: auditList, ...errorResponses },
    },
    handler: (req) => readAudit(ctx, requireActor(req), req.params.schoolId, req.query),
  });
}
