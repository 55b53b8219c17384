// HTTP for enrolment. Routes are added by the enrolment work of issue 3.
import type { AppContext } from '../../server/context';
import type { App } from '../../server/http';
import { drawRoutes } from './routes/draw';

export function enrolmentRoutes(app: App, ctx: AppContext) {
  drawRoutes(app, ctx);
}
