// Request and response shapes of the inbox; the web app imports these too.
import { z } from 'zod';
import { id } from '../people/contract';

export const notificationListQuery = z.object({
  unread: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  /** The id of the last notification of the previous page. */
  before: id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const notificationParams = z.object({ notificationId: id });

export const notificationView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  schoolId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const notificationList = z.object({ unread: z.number().int(), items: z.array(notificationView) });
export const unreadResult = z.object({ unread: z.number().int() });

export type NotificationList = z.infer<typeof notificationList>;
