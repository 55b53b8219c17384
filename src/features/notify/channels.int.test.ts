// Notify channels on both databases, against a webhook receiver and an SMTP server on loopback:
// secrets stay write-only, the drain signs and delivers, failures are retried without resending
// what succeeded, and deliveries are given up after the last attempt.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';
import { maxDeliveryAttempts, signatureHeader, timestampHeader, verifySignature } from './channel-rules';
import { notification } from './messages';
import { drainOutbox } from './service/drain';
import { notify } from './store';

const secret = 'webhook-secret-0123456789';
const smtpPassword = 'smtp-pass-word';

interface Received {
  path: string;
  body: Record<string, unknown>;
  validSignature: boolean;
  timestamp: string | undefined;
}

// The receiver answers 500 while `failNext` > 0, like a flaky endpoint.
const receiver = { received: [] as Received[], failNext: 0, url: '' };
const webhookServer = http.createServer((req, res) => {
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => {
    raw += chunk;
  });
  req.on('end', () => {
    if (receiver.failNext > 0) {
      receiver.failNext--;
      res.writeHead(500).end('try later');
      return;
    }
    receiver.received.push({
      path: req.url ?? '',
      body: JSON.parse(raw) as Record<string, unknown>,
      validSignature: verifySignature(raw, secret, req.headers[signatureHeader] as string | undefined),
      timestamp: req.headers[timestampHeader] as string | undefined,
    });
    res.writeHead(204).end();
  });
});

const mails: { to: string; raw: string }[] = [];
const smtp = new SMTPServer({
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true,
  logger: false,
  onAuth(auth, _session, cb) {
    if (auth.username === 'kehou' && auth.password === smtpPassword) cb(null, { user: 'kehou' });
    else cb(new Error('Invalid username or password'));
  },
  onData(stream, session, cb) {
    let raw = '';
    stream.on('data', (c: Buffer) => {
      raw += c.toString('utf8');
    });
    stream.on('end', () => {
      mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
      cb();
    });
  },
});
let smtpPort = 0;

beforeAll(async () => {
  await new Promise<void>((r) => webhookServer.listen(0, '127.0.0.1', r));
  receiver.url = `http://127.0.0.1:${(webhookServer.address() as AddressInfo).port}/hook`;
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => webhookServer.close(r));
  await new Promise((r) => smtp.close(r as () => void));
});

describeBothDatabases(
  'notify channels',
  (h) => {
    let world: World;
    let admin: Client;
    let adminId: string;
    let teacherId: string;
    let webhookId: string;
    let smtpId: string;

    const at = () => h().ctx.now().toISOString();
    const later = (ms: number) => h().setNow(new Date(h().ctx.now().getTime() + ms).toISOString());
    const base = () => `/api/v1/schools/${world.schoolA}`;
    const reset = () => {
      receiver.received.length = 0;
      receiver.failNext = 0;
      mails.length = 0;
    };
    async function send(userIds: string[]) {
      await notify(
        h().ctx.db,
        at(),
        userIds.map((userId) =>
          notification(
            'list.published',
            { userId, schoolId: world.schoolA },
            { student: '王小明', term: '2026 秋季学期' },
            '/enrolment/list',
          ),
        ),
      );
    }
    async function outboxStatuses() {
      return h()
        .ctx.db.selectFrom('notify_outbox')
        .select(['status', 'attempts'])
        .where('status', '=', 'pending')
        .execute();
    }

    it('sets up: the admin adds a webhook and an SMTP channel; secrets are write-only', async () => {
      world = await seedWorld(h());
      admin = await signIn(h(), 'admin');
      const users = await h().ctx.db.selectFrom('users').select(['id', 'username']).execute();
      adminId = users.find((u) => u.username === 'admin')!.id;
      teacherId = users.find((u) => u.username === 'teacher')!.id;

      const noSecret = await admin.send('POST', `${base()}/notify-channels`, {
        kind: 'webhook',
        name: '家校群机器人',
        url: receiver.url,
      });
      expect(noSecret.statusCode).toBe(422);
      expect(noSecret.json().code).toBe('NOTIFY_CHANNEL_SECRET_REQUIRED');
      const badUrl = await admin.send('POST', `${base()}/notify-channels`, {
        kind: 'webhook',
        name: 'x',
        url: 'ftp://example.com/',
        secret,
      });
      expect(badUrl.statusCode).toBe(400);

      const hook = await admin.send('POST', `${base()}/notify-channels`, {
        kind: 'webhook',
        name: '家校群机器人',
        url: receiver.url,
        secret,
      });
      expect(hook.statusCode).toBe(201);
      expect(hook.json()).toMatchObject({ kind: 'webhook', secretSet: true, url: receiver.url });
      expect(hook.body).not.toContain(secret);
      webhookId = hook.json().id;

      const mail = await admin.send('POST', `${base()}/notify-channels`, {
        kind: 'smtp',
        name: '学校邮箱',
        host: '127.0.0.1',
        port: smtpPort,
        secure: false,
        user: 'kehou',
        password: smtpPassword,
        from: '课后 <kehou@school.example>',
      });
      expect(mail.statusCode).toBe(201);
      expect(mail.body).not.toContain(smtpPassword);
      smtpId = mail.json().id;

      const list = await admin.get(`${base()}/notify-channels`);
      expect(list.statusCode).toBe(200);
      expect(list.json().items).toHaveLength(2);
      expect(list.body).not.toContain(secret);
      expect(list.body).not.toContain(smtpPassword);
      const audits = await h()
        .ctx.db.selectFrom('audit_log')
        .select(['after_json'])
        .where('entity', '=', 'notify_channel')
        .execute();
      expect(audits).toHaveLength(2);
      expect(JSON.stringify(audits)).not.toContain(secret);
      expect(JSON.stringify(audits)).not.toContain(smtpPassword);
    });

    it('only the school admin manages channels; another school’s admin finds nothing', async () => {
      const teacher = await signIn(h(), 'teacher');
      expect((await teacher.get(`${base()}/notify-channels`)).statusCode).toBe(403);
      const adminB = await signIn(h(), 'adminB');
      expect((await adminB.get(`${base()}/notify-channels`)).statusCode).toBe(404);
      const put = await adminB.send('PUT', `/api/v1/schools/${world.schoolB}/notify-channels/${webhookId}`, {
        kind: 'webhook',
        name: 'stolen',
        url: receiver.url,
      });
      expect(put.statusCode).toBe(404);
    });

    it('an update without the secret keeps it; the kind cannot change', async () => {
      const renamed = await admin.send('PUT', `${base()}/notify-channels/${smtpId}`, {
        kind: 'smtp',
        name: '学校邮箱（主）',
        host: '127.0.0.1',
        port: smtpPort,
        secure: false,
        user: 'kehou',
        from: '课后 <kehou@school.example>',
      });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toMatchObject({ name: '学校邮箱（主）', secretSet: true });
      const kind = await admin.send('PUT', `${base()}/notify-channels/${smtpId}`, {
        kind: 'webhook',
        name: 'x',
        url: receiver.url,
        secret,
      });
      expect(kind.json().code).toBe('NOTIFY_CHANNEL_KIND_FIXED');
    });

    it('the test button sends a signed webhook and a mail (which authenticates with the kept password)', async () => {
      reset();
      const hook = await admin.send('POST', `${base()}/notify-channels/${webhookId}/test`, {});
      expect(hook.json()).toEqual({ ok: true, error: null });
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]!.validSignature).toBe(true);
      expect(receiver.received[0]!.body.kind).toBe('channel.test');

      const noAddress = await admin.send('POST', `${base()}/notify-channels/${smtpId}/test`, {});
      expect(noAddress.json().code).toBe('NOTIFY_TEST_NO_EMAIL');
      const mail = await admin.send('POST', `${base()}/notify-channels/${smtpId}/test`, {
        to: 'head@school.example',
      });
      expect(mail.json()).toEqual({ ok: true, error: null });
      expect(mails.map((m) => m.to)).toEqual(['head@school.example']);
    });

    it('a failed test says why, without a 500', async () => {
      // A port nobody listens on.
      const probe = http.createServer();
      await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
      const deadPort = (probe.address() as AddressInfo).port;
      await new Promise((r) => probe.close(r));
      const closed = await admin.send('POST', `${base()}/notify-channels`, {
        kind: 'webhook',
        name: '停用的地址',
        url: `http://127.0.0.1:${deadPort}/hook`,
        secret,
        enabled: false,
      });
      const res = await admin.send('POST', `${base()}/notify-channels/${closed.json().id}/test`, {});
      expect(res.statusCode).toBe(200);
      expect(res.json().ok).toBe(false);
      expect(res.json().error).toMatch(/ECONNREFUSED/);
    });

    it('without the operator’s leave a webhook cannot reach an internal address', async () => {
      const config = h().ctx.config;
      config.webhookAllowInternal = false;
      try {
        const res = await admin.send('POST', `${base()}/notify-channels/${webhookId}/test`, {});
        expect(res.json()).toEqual({
          ok: false,
          error: 'address not allowed: 127.0.0.1 is on an internal network',
        });
      } finally {
        config.webhookAllowInternal = true;
      }
    });

    it('accounts record their email; a bad address is refused', async () => {
      const bad = await admin.send('PUT', '/api/v1/me/contact', { email: 'not-an-address' });
      expect(bad.statusCode).toBe(400);
      const ok = await admin.send('PUT', '/api/v1/me/contact', { email: 'admin@school.example' });
      expect(ok.json()).toEqual({ email: 'admin@school.example' });
      expect((await admin.get('/api/v1/me/contact')).json()).toEqual({ email: 'admin@school.example' });
      const set = await admin.send('PUT', `${base()}/staff/${teacherId}/email`, {
        email: 'teacher@school.example',
      });
      expect(set.json()).toEqual({ email: 'teacher@school.example' });
      const staff = (await admin.get(`${base()}/staff-emails`)).json().items;
      expect(staff.find((s: { userId: string }) => s.userId === teacherId).email).toBe(
        'teacher@school.example',
      );
      expect((await (await signIn(h(), 'care')).get(`${base()}/staff-emails`)).statusCode).toBe(403);
      // Back to none: the drain test below counts on the class teacher having no address.
      await admin.send('PUT', `${base()}/staff/${teacherId}/email`, { email: null });
      const adminB = await signIn(h(), 'adminB');
      const foreign = await adminB.send('PUT', `/api/v1/schools/${world.schoolB}/staff/${teacherId}/email`, {
        email: 'x@y.example',
      });
      expect(foreign.statusCode).toBe(404);
    });

    it('the drain delivers each notification to every channel once; no address means skipped, with why', async () => {
      reset();
      await send([adminId, teacherId]);
      const result = await drainOutbox(h().ctx);
      expect(result).toMatchObject({ claimed: 2, sent: 3, skipped: 1, retrying: 0 });
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received.every((r) => r.validSignature)).toBe(true);
      const body = receiver.received.find((r) => r.body.recipientUserId === adminId)!;
      expect(body.body).toMatchObject({
        kind: 'list.published',
        schoolId: world.schoolA,
        link: '/enrolment/list',
      });
      expect(body.body.body).toContain('王小明');
      expect(body.timestamp).toBe(String(Date.parse(body.body.sentAt as string) / 1000));
      expect(mails.map((m) => m.to)).toEqual(['admin@school.example']);
      expect(mails[0]!.raw).toContain('Subject:');
      const skipped = await h()
        .ctx.db.selectFrom('notify_deliveries')
        .select(['last_error'])
        .where('status', '=', 'skipped')
        .execute();
      expect(skipped).toEqual([{ last_error: 'recipient has no email address' }]);
      expect(await outboxStatuses()).toEqual([]);
      // Nothing left: a second drain sends nothing more.
      expect((await drainOutbox(h().ctx)).claimed).toBe(0);
      expect(receiver.received).toHaveLength(2);
    });

    it('a failing webhook is retried after a backoff; the mail that went out is not resent', async () => {
      reset();
      receiver.failNext = 2;
      await send([adminId]);
      expect(await drainOutbox(h().ctx)).toMatchObject({ claimed: 1, sent: 1, retrying: 1 });
      expect(mails).toHaveLength(1);
      expect(await outboxStatuses()).toEqual([{ status: 'pending', attempts: 1 }]);
      // Not due yet.
      expect((await drainOutbox(h().ctx)).claimed).toBe(0);
      later(60_000);
      expect(await drainOutbox(h().ctx)).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
      later(120_000);
      expect(await drainOutbox(h().ctx)).toMatchObject({ claimed: 1, sent: 1, retrying: 0 });
      expect(mails).toHaveLength(1);
      expect(receiver.received).toHaveLength(1);
      const delivery = await h()
        .ctx.db.selectFrom('notify_deliveries')
        .select(['status', 'attempts', 'sent_at'])
        .where('channel_id', '=', webhookId)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(delivery).toMatchObject({ status: 'sent', attempts: 3 });
      expect(await outboxStatuses()).toEqual([]);
    });

    it('two drains at once deliver each notification once', async () => {
      reset();
      await send(Array.from({ length: 6 }, () => adminId));
      const results = await Promise.all([drainOutbox(h().ctx), drainOutbox(h().ctx)]);
      expect(results[0]!.claimed + results[1]!.claimed).toBe(6);
      expect(receiver.received).toHaveLength(6);
      expect(new Set(receiver.received.map((r) => r.body.notificationId)).size).toBe(6);
      expect(mails).toHaveLength(6);
    });

    it('a drain whose claim was taken over by another leaves the row alone', async () => {
      reset();
      await send([adminId]);
      const db = h().ctx.db;
      // A slow drain's lease on this row ran out and another drain claimed it (a new lease).
      const row = await db
        .selectFrom('notify_outbox')
        .select('id')
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('notify_outbox')
        .set({ locked_until: '2026-01-01T00:00:00.000Z' })
        .where('id', '=', row.id)
        .execute();
      const { renewOutboxLease } = await import('./channel-store');
      expect(await renewOutboxLease(db, row.id, '2025-12-31T00:00:00.000Z', '2026-01-02T00:00:00.000Z')).toBe(
        false,
      );
      expect(await renewOutboxLease(db, row.id, '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z')).toBe(
        true,
      );
      await db.updateTable('notify_outbox').set({ locked_until: null }).where('id', '=', row.id).execute();
      expect(await drainOutbox(h().ctx)).toMatchObject({ claimed: 1, sent: 2 });
      expect(receiver.received).toHaveLength(1);
    });

    it('a delivery is given up after the last attempt and the outbox row is finished', async () => {
      reset();
      receiver.failNext = 1000;
      await send([teacherId]);
      for (let i = 0; i < maxDeliveryAttempts; i++) {
        await drainOutbox(h().ctx);
        later(2 * 60 * 60_000);
      }
      receiver.failNext = 0;
      expect((await drainOutbox(h().ctx)).claimed).toBe(0);
      const failed = await h()
        .ctx.db.selectFrom('notify_deliveries')
        .select(['attempts', 'last_error'])
        .where('status', '=', 'failed')
        .execute();
      expect(failed).toEqual([{ attempts: maxDeliveryAttempts, last_error: 'HTTP 500: try later' }]);
      expect(await outboxStatuses()).toEqual([]);
    });

    it('a staff-only channel never carries a parent’s message', async () => {
      reset();
      const staffHook = await admin.send('POST', `${base()}/notify-channels`, {
        kind: 'webhook',
        name: '教师群机器人',
        url: `${receiver.url}?staff`,
        secret,
        audience: 'staff',
      });
      expect(staffHook.json()).toMatchObject({ audience: 'staff' });
      const parentId = (
        await h()
          .ctx.db.selectFrom('users')
          .select('id')
          .where('phone', '=', world.parentPhone)
          .executeTakeFirstOrThrow()
      ).id;
      // A family message to a parent and to the admin (who may be a parent here too), and a staff
      // message to the admin: only the last goes to the teachers' group.
      await send([parentId, adminId]);
      await notify(h().ctx.db, at(), [
        notification(
          'roster.published',
          { userId: adminId, schoolId: world.schoolA },
          { term: '2026 秋季学期', version: 2 },
        ),
      ]);
      await drainOutbox(h().ctx);
      const toStaffHook = receiver.received.filter((r) => r.path.endsWith('?staff'));
      expect(toStaffHook.map((r) => [r.body.kind, r.body.recipientUserId])).toEqual([
        ['roster.published', adminId],
      ]);
      // The school-wide webhook carries all three.
      expect(receiver.received.filter((r) => !r.path.endsWith('?staff'))).toHaveLength(3);
      const skipped = await h()
        .ctx.db.selectFrom('notify_deliveries')
        .select('last_error')
        .where('channel_id', '=', staffHook.json().id)
        .where('status', '=', 'skipped')
        .execute();
      expect(skipped).toEqual([
        { last_error: 'not a staff message to staff (staff-only channel)' },
        { last_error: 'not a staff message to staff (staff-only channel)' },
      ]);
      await admin.send('PUT', `${base()}/notify-channels/${staffHook.json().id}`, {
        kind: 'webhook',
        name: '教师群机器人',
        url: `${receiver.url}?staff`,
        audience: 'staff',
        enabled: false,
      });
    });

    it('the delivery log lists deliveries for the admin', async () => {
      const log = await admin.get(`${base()}/notify-deliveries?status=failed`);
      expect(log.statusCode).toBe(200);
      expect(log.json()).toMatchObject({
        total: 1,
        items: [{ status: 'failed', channelName: '家校群机器人' }],
      });
      const all = await admin.get(`${base()}/notify-deliveries?channelId=${smtpId}`);
      expect(all.json().items.every((d: { channelId: string }) => d.channelId === smtpId)).toBe(true);
    });
  },
  // The receivers listen on loopback, which a school's webhook may reach only when allowed.
  { env: { KEHOU_NOTIFY_TIMEOUT_MS: '3000', KEHOU_WEBHOOK_ALLOW_INTERNAL: '1' } },
);
