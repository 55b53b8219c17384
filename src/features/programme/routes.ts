// HTTP for programme. Routes are added by the programme work of issue 3.
import type { AppContext } from '../../server/context';
import type { App } from '../../server/http';

export function programmeRoutes(_app: App, _ctx: AppContext) {}
