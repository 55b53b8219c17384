// HTTP for enrolment. Routes are added by the enrolment work of issue 3.
import type { AppContext } from '../../server/context';
import type { App } from '../../server/http';

export function enrolmentRoutes(_app: App, _ctx: AppContext) {}
