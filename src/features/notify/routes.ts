// HTTP for the in-app inbox of the signed-in account.
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, localeOf } from '../../server/http';
import * as c from './contract';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from './service';

const tags = ['notify'];

export function notifyRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/me/notifications', {
    schema: {
      operationId: 'listNotifications',
      tags,
      querystring: c.notificationListQuery,
      response: { 200: c.notificationList, ...errorResponses },
    },
    handler: (req) => listNotifications(ctx, requireActor(req), localeOf(req), req.query),
  });

  app.post('/api/v1/me/notifications/:notificationId/read', {
    schema: {
      operationId: 'markNotificationRead',
      tags,
      params: c.notificationParams,
      response: { 200: c.unreadResult, ...errorResponses },
    },
    handler: (req) => markNotificationRead(ctx, requireActor(req), req.params.notificationId),
  });

  app.post('/api/v1/me/notifications/read-all', {
    schema: {
      operationId: 'markAllNotificationsRead',
      tags,
      response: { 200: c.unreadResult, ...errorResponses },
    },
    handler: (req) => markAllNotificationsRead(ctx, requireActor(req)),
  });
}
