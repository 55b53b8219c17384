// HTTP for notify. Routes are added by the notify work of issue 3.
import type { AppContext } from '../../server/context';
import type { App } from '../../server/http';

export function notifyRoutes(_app: App, _ctx: AppContext) {}
