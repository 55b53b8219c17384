// rules ENR-4 and ENR-6 under load, on both databases: 100 concurrent withdrawal approvals, offer
// acceptances and declines never put more children in a club than it has places, and freed places
// go to the waitlist strictly in order; an offer not accepted in time lapses and moves on.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import {
  overCapacity,
  type SeededApplication,
  seedApplications,
  seedWithdrawal,
} from '../../../test/applications-fixture';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Family, seedFamilies } from '../../../test/families';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';
import { seedTerm } from '../../../test/programme-fixtures';
import type { DB } from '../../db/schema';
import { renderNotification } from '../notify/messages';
import { commitTermSeed, drawTerm } from './service/draw';
import { sweepExpiredOffers } from './service/waitlist';

const t0 = '2026-09-01T08:00:00.000Z';
const closes = '2026-09-01T09:00:00.000Z';
const drawAt = '2026-09-01T10:00:00.000Z';
const hours = (n: number) => new Date(Date.parse(drawAt) + n * 3_600_000).toISOString();

describeBothDatabases('the waitlist', (h) => {
  let w: World;
  let admin: Client;
  const db = () => h().ctx.db as Kysely<DB>;
  const offer = (school: string, lineId: string, answer: 'accept' | 'decline') =>
    `/api/v1/schools/${school}/offers/${lineId}/${answer}`;
  const decide = (school: string, withdrawalId: string) =>
    `/api/v1/schools/${school}/withdrawals/${withdrawalId}/decision`;

  /** A term with one club, everyone applying for it, drawn. Returns holders and the queue in order. */
  async function drawnClub(name: string, places: number, families: Family[]) {
    h().setNow(t0);
    const term = await seedTerm(h(), w, { name, closesAt: closes, footballPlaces: places });
    const apps = await seedApplications(h(), {
      schoolId: w.schoolA,
      termId: term.termId,
      families,
      choices: () => [{ offeringId: term.football }],
    });
    await commitTermSeed(h().ctx, term.termId);
    h().setNow(drawAt);
    await drawTerm(h().ctx, term.termId);
    const lines = await db()
      .selectFrom('application_lines')
      .select(['id', 'application_id', 'status', 'waitlist_position'])
      .where('offering_id', '=', term.football)
      .execute();
    const byApp = new Map(apps.map((a) => [a.applicationId, a]));
    const family = new Map(families.map((f) => [f.studentId, f]));
    const entry = (l: (typeof lines)[number]) => {
      const app = byApp.get(l.application_id)!;
      return { app, lineId: l.id, family: family.get(app.studentId)!, position: l.waitlist_position };
    };
    const holders = lines.filter((l) => l.status === 'offered').map(entry);
    const queue = lines
      .filter((l) => l.status === 'waitlisted')
      .sort((a, b) => a.waitlist_position! - b.waitlist_position!)
      .map(entry);
    return { term, holders, queue };
  }

  const withdrawWhole = (app: SeededApplication) =>
    seedWithdrawal(h(), { schoolId: w.schoolA, applicationId: app.applicationId, requestedBy: app.userId });

  beforeAll(async () => {
    h().setNow(t0);
    w = await seedWorld(h());
    admin = await signIn(h(), 'admin');
  });

  it('100 concurrent approvals, acceptances and declines: never over capacity, offers in waitlist order', async () => {
    const families = await seedFamilies(h(), w.schoolA, 130, { phonePrefix: '1583' });
    const { term, holders, queue } = await drawnClub('race term', 30, families);
    expect(holders).toHaveLength(30);
    expect(queue.map((q) => q.position)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));

    const maxSeen = { value: 0, over: 0 };
    let running = true;
    const watch = (async () => {
      while (running) {
        maxSeen.over += (await overCapacity(h(), term.termId)).length;
        const held = await db()
          .selectFrom('application_lines')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('offering_id', '=', term.football)
          .where('status', 'in', ['offered', 'accepted'])
          .executeTakeFirstOrThrow();
        maxSeen.value = Math.max(maxSeen.value, Number(held.n));
        await new Promise((r) => setTimeout(r, 2));
      }
    })();

    // Phase 1 (30 at once): 20 holders' withdrawals approved while 10 other holders accept.
    const phase1Withdrawals = await Promise.all(holders.slice(0, 20).map((x) => withdrawWhole(x.app)));
    const phase1 = await Promise.all([
      ...phase1Withdrawals.map((id) => admin.send('POST', decide(w.schoolA, id), { decision: 'approve' })),
      ...holders.slice(20).map((x) => x.family.client.send('POST', offer(w.schoolA, x.lineId, 'accept'))),
    ]);
    expect(phase1.map((r) => r.statusCode)).toEqual(phase1.map(() => 200));
    expect(phase1.slice(0, 20).reduce((n, r) => n + r.json().offersMade, 0)).toBe(20);

    // Phase 2 (70 at once): the first 15 offered accept, the next 5 decline, the 10 who accepted
    // withdraw, 20 further down the queue withdraw, and 20 not offered anything try to accept.
    const offered = queue.slice(0, 20);
    const phase2Withdrawals = await Promise.all([
      ...holders.slice(20).map((x) => withdrawWhole(x.app)),
      ...queue.slice(59, 79).map((x) => withdrawWhole(x.app)),
    ]);
    const phase2 = await Promise.all([
      ...offered.slice(0, 15).map((x) => x.family.client.send('POST', offer(w.schoolA, x.lineId, 'accept'))),
      ...offered.slice(15).map((x) => x.family.client.send('POST', offer(w.schoolA, x.lineId, 'decline'))),
      ...phase2Withdrawals.map((id) => admin.send('POST', decide(w.schoolA, id), { decision: 'approve' })),
      ...queue.slice(80, 100).map((x) => x.family.client.send('POST', offer(w.schoolA, x.lineId, 'accept'))),
    ]);
    running = false;
    await watch;
    expect(phase1.length + phase2.length).toBe(100);
    expect(phase2.slice(0, 50).map((r) => r.statusCode)).toEqual(phase2.slice(0, 50).map(() => 200));
    // Not offered anything: a definite refusal, nothing changed.
    for (const r of phase2.slice(50)) {
      expect(r.statusCode).toBe(409);
      expect(r.json().code).toBe('INVALID_TRANSITION');
    }

    expect(maxSeen.over).toBe(0);
    expect(maxSeen.value).toBeLessThanOrEqual(30);
    expect(await overCapacity(h(), term.termId)).toEqual([]);
    const lines = await db()
      .selectFrom('application_lines')
      .select(['id', 'status', 'waitlist_position'])
      .where('offering_id', '=', term.football)
      .execute();
    const count = (s: string) => lines.filter((l) => l.status === s).length;
    expect(count('offered') + count('accepted')).toBe(30);
    expect(count('accepted')).toBe(15);
    expect(count('declined')).toBe(5);
    // 5 declines and 10 withdrawals of accepted places freed 15 more: positions 21…35 were offered.
    const reached = lines
      .filter((l) => l.waitlist_position !== null && ['offered', 'accepted', 'declined'].includes(l.status))
      .map((l) => l.waitlist_position!)
      .sort((a, b) => a - b);
    expect(reached).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    const stillWaiting = lines
      .filter((l) => l.status === 'waitlisted')
      .map((l) => l.waitlist_position!)
      .sort((a, b) => a - b);
    // Positions are never renumbered: the queue resumes at 36, with the 20 withdrawn ones gone.
    expect(stillWaiting[0]).toBe(36);
    expect(stillWaiting).toHaveLength(100 - 35 - 20);
    expect(stillWaiting.filter((p) => p >= 60 && p <= 79)).toEqual([]);

    // The offers went out in waitlist order: audit rows, in the order written, by position.
    const offers = await db()
      .selectFrom('audit_log')
      .select(['entity_id', 'after_json'])
      .where('action', '=', 'line.offerFromWaitlist')
      .where(
        'entity_id',
        'in',
        lines.map((l) => l.id),
      )
      .orderBy('id')
      .execute();
    expect(offers.map((o) => JSON.parse(o.after_json!).position)).toEqual(
      Array.from({ length: 35 }, (_, i) => i + 1),
    );
    const notices = await db()
      .selectFrom('notifications')
      .select(['user_id', 'params'])
      .where('kind', '=', 'offer.fromWaitlist')
      .where(
        'user_id',
        'in',
        queue.map((q) => q.family.userId),
      )
      .execute();
    expect(notices).toHaveLength(35);
    const offerText = renderNotification('offer.fromWaitlist', JSON.parse(notices[0]!.params), 'zh-CN').body;
    expect(offerText).toMatch(
      /^“足球社团”空出了名额，现提供给.+。请在 \d{4}-\d\d-\d\d \d\d:\d\d 前确认，逾期视为放弃。$/,
    );
    // A declined only place leaves the application with nothing: it is withdrawn, and audited.
    const declinedApps = await db()
      .selectFrom('applications')
      .select('status')
      .where(
        'id',
        'in',
        offered.slice(15).map((x) => x.app.applicationId),
      )
      .execute();
    expect(declinedApps.every((a) => a.status === 'withdrawn')).toBe(true);
    const decided = await db()
      .selectFrom('withdrawals')
      .select('status')
      .where('id', 'in', [...phase1Withdrawals, ...phase2Withdrawals])
      .execute();
    expect(decided.every((d) => d.status === 'approved')).toBe(true);
  });

  it('an offer not accepted in time lapses and the next in line is offered', async () => {
    const families = await seedFamilies(h(), w.schoolA, 5, { phonePrefix: '1584' });
    const { term, holders, queue } = await drawnClub('expiry term', 2, families);
    expect(queue).toHaveLength(3);
    const [w1, w2, w3] = queue as [(typeof queue)[number], (typeof queue)[number], (typeof queue)[number]];

    const request = await withdrawWhole(holders[0]!.app);
    const approved = await admin.send('POST', decide(w.schoolA, request), {
      decision: 'approve',
      note: '同意',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      applicationStatus: 'withdrawn',
      offersMade: 1,
    });
    const first = await db()
      .selectFrom('application_lines')
      .selectAll()
      .where('id', '=', w1.lineId)
      .executeTakeFirstOrThrow();
    expect(first).toMatchObject({ status: 'offered', offer_expires_at: hours(48) });
    const w1App = await db()
      .selectFrom('applications')
      .select('status')
      .where('id', '=', w1.app.applicationId)
      .executeTakeFirstOrThrow();
    expect(w1App.status).toBe('offered');

    // Someone else's offer does not exist for you.
    expect((await w2.family.client.send('POST', offer(w.schoolA, w1.lineId, 'accept'))).statusCode).toBe(404);
    expect((await admin.send('POST', offer(w.schoolA, w1.lineId, 'accept'))).statusCode).toBe(403);

    h().setNow(hours(49));
    const late = await w1.family.client.send('POST', offer(w.schoolA, w1.lineId, 'accept'));
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('OFFER_EXPIRED');
    // The deadline in the school's time: 48 hours after 18:00 on 1 September (Asia/Shanghai).
    expect(late.json().message).toContain('2026-09-03 18:00');
    const after = await db()
      .selectFrom('application_lines')
      .select(['id', 'status', 'offer_expires_at'])
      .where('id', 'in', [w1.lineId, w2.lineId, w3.lineId])
      .execute();
    const status = (id: string) => after.find((l) => l.id === id)!;
    expect(status(w1.lineId).status).toBe('lapsed');
    expect(status(w2.lineId)).toMatchObject({ status: 'offered', offer_expires_at: hours(49 + 48) });
    expect(status(w3.lineId).status).toBe('waitlisted');
    const lapsedNote = await db()
      .selectFrom('notifications')
      .select('params')
      .where('user_id', '=', w1.family.userId)
      .where('kind', '=', 'offer.lapsed')
      .executeTakeFirstOrThrow();
    expect(renderNotification('offer.lapsed', JSON.parse(lapsedNote.params), 'zh-CN').body).toMatch(
      /^.+未在 2026-09-03 18:00 前确认“足球社团”的名额，名额已顺延给下一位。$/,
    );

    // No one asks: the timer's sweep lapses the next offer too and moves on to the third.
    h().setNow(hours(49 + 49));
    const swept = await sweepExpiredOffers(h().ctx);
    expect(swept.lapsed).toBeGreaterThanOrEqual(1);
    const third = await db()
      .selectFrom('application_lines')
      .select('status')
      .where('id', '=', w3.lineId)
      .executeTakeFirstOrThrow();
    expect(third.status).toBe('offered');
    const again = await w2.family.client.send('POST', offer(w.schoolA, w2.lineId, 'accept'));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('OFFER_EXPIRED');

    const accepted = await w3.family.client.send('POST', offer(w.schoolA, w3.lineId, 'accept'));
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      applicationStatus: 'offered',
      offeringName: '足球社团',
    });
    expect((await w3.family.client.send('POST', offer(w.schoolA, w3.lineId, 'accept'))).statusCode).toBe(409);

    // The other drawn holder declines: nobody is left waiting, so the place stays free.
    const declined = await holders[1]!.family.client.send(
      'POST',
      offer(w.schoolA, holders[1]!.lineId, 'decline'),
    );
    expect(declined.statusCode).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', applicationStatus: 'withdrawn' });

    const waitlistUrl = `/api/v1/schools/${w.schoolA}/terms/${term.termId}/draw/waitlist/${term.football}`;
    const list = await admin.get(waitlistUrl);
    expect(list.statusCode).toBe(200);
    expect(list.json().offering).toMatchObject({ capacity: 2, holding: 1, waiting: 0 });
    expect(
      list.json().items.map((i: { position: number; status: string }) => [i.position, i.status]),
    ).toEqual([
      [1, 'lapsed'],
      [2, 'lapsed'],
      [3, 'accepted'],
    ]);
    expect((await w3.family.client.get(waitlistUrl)).statusCode).toBe(403);
    const adminB = await signIn(h(), 'adminB');
    expect((await adminB.get(waitlistUrl)).statusCode).toBe(404);
  });
});
