// HTTP for enrolment: applications (with the agreement, consent, published list and withdrawal
// requests they register); the draw's routes are added beside them.
import type { AppContext } from '../../server/context';
import type { App } from '../../server/http';
import { applicationRoutes } from './routes/applications';
import { drawRoutes } from './routes/draw';

export function enrolmentRoutes(app: App, ctx: AppContext) {
  applicationRoutes(app, ctx);
  drawRoutes(app, ctx);
}
