// Request and response shapes of the notify channels; the web app imports these too. Secrets are
// write-only: requests may carry them, responses only say whether one is set.
import { z } from 'zod';
import { id } from '../people/contract';

export const schoolParams = z.object({ schoolId: id });
export const channelParams = z.object({ schoolId: id, channelId: id });

const name = z.string().trim().min(1).max(60);
const httpUrl = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'http(s) only');
const secret = z.string().min(16).max(200);
const host = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9.-]+$|^\[?[0-9A-Fa-f:.]+\]?$/);
export const emailAddress = z.string().trim().max(254).email();

/**
 * Who a channel carries messages for: everyone, or staff only (a staff group's chat robot must
 * never receive a parent's message about their child).
 */
export const audience = z.enum(['all', 'staff']).default('all');

export const webhookInput = z.object({
  kind: z.literal('webhook'),
  name,
  enabled: z.boolean().default(true),
  audience,
  url: httpUrl,
  /** Required when creating; absent on update keeps the current one. */
  secret: secret.optional(),
});

export const smtpInput = z.object({
  kind: z.literal('smtp'),
  name,
  enabled: z.boolean().default(true),
  audience,
  host,
  port: z.number().int().min(1).max(65_535),
  /** true: TLS from the start (465); false: plain, upgraded by STARTTLS when offered (587/25). */
  secure: z.boolean(),
  user: z.string().trim().min(1).max(200).nullable().default(null),
  /** Absent on update keeps the current one; null clears it. */
  password: z.string().min(1).max(200).nullable().optional(),
  from: z.string().trim().min(3).max(254),
});

export const channelInput = z.discriminatedUnion('kind', [webhookInput, smtpInput]);
export type ChannelInput = z.infer<typeof channelInput>;

export const channelView = z.object({
  id: z.string(),
  kind: z.enum(['webhook', 'smtp']),
  name: z.string(),
  enabled: z.boolean(),
  audience: z.enum(['all', 'staff']),
  url: z.string().nullable(),
  host: z.string().nullable(),
  port: z.number().nullable(),
  secure: z.boolean().nullable(),
  user: z.string().nullable(),
  from: z.string().nullable(),
  /** Whether the webhook secret or SMTP password is set; the value itself never leaves the server. */
  secretSet: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChannelView = z.infer<typeof channelView>;
export const channelList = z.object({ items: z.array(channelView) });

export const channelTestInput = z.object({
  /** SMTP only: where the test mail goes (default: the admin's own address). */
  to: emailAddress.optional(),
});
export const channelTestResult = z.object({ ok: z.boolean(), error: z.string().nullable() });

export const deliveryListQuery = z.object({
  channelId: id.optional(),
  status: z.enum(['pending', 'sent', 'skipped', 'failed']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const deliveryView = z.object({
  id: z.string(),
  channelId: z.string(),
  channelName: z.string(),
  kind: z.string(),
  recipient: z.string(),
  status: z.enum(['pending', 'sent', 'skipped', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export const deliveryList = z.object({ items: z.array(deliveryView), total: z.number() });

export const myContact = z.object({ email: z.string().nullable() });
export const myContactInput = z.object({ email: emailAddress.nullable() });
export const staffEmailParams = z.object({ schoolId: id, userId: id });

export const staffEmailList = z.object({
  items: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string().nullable() })),
});
