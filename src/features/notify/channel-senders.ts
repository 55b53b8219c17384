// The two outside channels: an HTTP POST to a school's webhook, signed, and a mail through the
// school's SMTP server. Each throws on failure with a message fit for the delivery log.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import {
  deliveryHeader,
  isInternalAddress,
  signatureHeader,
  signBody,
  timestampHeader,
  type WebhookPayload,
} from './channel-rules';

export interface WebhookConfig {
  url: string;
}

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  from: string;
}

/**
 * Refuses a webhook aimed at the servers' own network unless the operator allows it
 * (KEHOU_WEBHOOK_ALLOW_INTERNAL=1, e.g. an intranet bridge). Checked on every send, since DNS may
 * change; a name that resolves to an internal address is refused like the address itself.
 */
async function assertReachable(url: string, allowInternal: boolean): Promise<void> {
  if (allowInternal) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  if (addresses.some(isInternalAddress))
    throw new Error(`address not allowed: ${host} is on an internal network`);
}

export async function sendWebhook(
  config: WebhookConfig,
  secret: string,
  payload: WebhookPayload,
  timeoutMs: number,
  allowInternal = false,
): Promise<void> {
  await assertReachable(config.url, allowInternal);
  const body = JSON.stringify(payload);
  let response: Response;
  try {
    response = await fetch(config.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Kehou-Webhook/1',
        [signatureHeader]: signBody(body, secret),
        [timestampHeader]: String(Math.floor(Date.parse(payload.sentAt) / 1000)),
        [deliveryHeader]: payload.deliveryId,
      },
      body,
      // Never follow a redirect: the signed body would go somewhere the school did not configure.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if ((err as Error).name === 'TimeoutError') throw new Error(`timed out after ${timeoutMs} ms`);
    throw new Error(cause?.code ?? cause?.message ?? (err as Error).message);
  }
  // The body is read (and bounded) only to free the connection and to quote a refusal.
  const text = (await response.text().catch(() => '')).slice(0, 200);
  if (response.status < 200 || response.status >= 300)
    throw new Error(`HTTP ${response.status}${text ? `: ${text}` : ''}`);
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export async function sendMail(
  config: SmtpConfig,
  password: string | null,
  mail: Mail,
  timeoutMs: number,
): Promise<void> {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.user ? { auth: { user: config.user, pass: password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 2,
  });
  // nodemailer's own timeouts cover each step; this bounds the whole exchange, so a drain's lease
  // (see service/drain.ts) is never outlived by one mail.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs * 3} ms`)), timeoutMs * 3);
  });
  try {
    await Promise.race([
      transport.sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text }),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}
