// HTTP for the duty board (DAY-10).
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses } from '../../server/http';
import { boardView } from './board-contract';
import { pickupSchoolParams } from './pickup-contract';
import { readBoard } from './service/board';

export function boardRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/schools/:schoolId/duty-board', {
    schema: {
      operationId: 'readDutyBoard',
      tags: ['pickup'],
      params: pickupSchoolParams,
      response: { 200: boardView, ...errorResponses },
    },
    handler: (req) => readBoard(ctx, requireActor(req), req.params.schoolId),
  });
}
