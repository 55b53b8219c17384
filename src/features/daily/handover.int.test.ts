// rule DAY-2 (with SAFE-1) on both databases: the first handover compares the count with the class
// minus leave (or the roll in force), the last with the children on site by the roll; a mismatch
// is flagged on the record and sent at once to the day's duty leader, or to the school's
// administrators when the roster names no leader. The care log (DAY-6, DAY-8) rides along.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { classDayUrl, type SchoolDay, seedSchoolDay, wholeRoll } from '../../../test/daily-fixtures';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, signIn } from '../../../test/fixtures';
import type { DB } from '../../db/schema';
import { renderNotification } from '../notify/messages';

describeBothDatabases('handover and care log', (h) => {
  let day: SchoolDay;
  let care: Client;
  const db = () => h().ctx.db as Kysely<DB>;
  const url = (tempClassId = day.classOne) => `${classDayUrl(day, tempClassId)}/handovers`;
  const inbox = (userId: string) =>
    db()
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId)
      .where('kind', '=', 'handover.mismatch')
      .execute();

  beforeAll(async () => {
    h().setNow('2026-09-01T08:00:00.000Z');
    day = await seedSchoolDay(h());
    care = await signIn(h(), 'care');
  });

  it('takes the class from the last-period teacher and compares with the class minus leave', async () => {
    const parent = await signIn(h(), day.world.parentPhone);
    await parent.send('POST', `/api/v1/schools/${day.world.schoolA}/leave`, {
      studentId: day.world.childOfParent,
      fromDate: '2026-09-01',
      toDate: '2026-09-01',
      reason: '看牙',
    });
    const matching = await care.send('POST', url(), {
      stage: 'last_period_to_care',
      fromName: '王老师（数学）',
      handedAt: '2026-09-01T07:30:00.000Z',
      headCount: day.membersOne.length - 1,
      leaveNote: '1 人请假（看牙）',
    });
    expect(matching.statusCode).toBe(201);
    expect(matching.json()).toMatchObject({
      fromName: '王老师（数学）',
      toUserId: day.users.care,
      expectedCount: day.membersOne.length - 1,
      mismatch: false,
    });
    expect(await inbox(day.users.leader)).toHaveLength(0);
    const noGiver = await care.send('POST', url(), {
      stage: 'last_period_to_care',
      handedAt: '2026-09-01T07:30:00.000Z',
      headCount: 3,
    });
    expect(noGiver.json()).toMatchObject({ code: 'HANDOVER_PARTY_MISSING' });
  });

  it('flags a last handover that differs from the roll and tells the duty leader at once', async () => {
    const absent = day.membersOne[1]!;
    await care.send('PUT', `${classDayUrl(day, day.classOne)}/roll-call`, {
      markedAt: '2026-09-01T07:40:00.000Z',
      marks: wholeRoll(day.membersOne, { [day.world.childOfParent]: 'leave', [absent]: 'absent' }),
    });
    const onSite = day.membersOne.length - 2;
    const res = await care.send('POST', url(), {
      stage: 'care_to_duty',
      handedAt: '2026-09-01T09:30:00.000Z',
      headCount: onSite - 1,
      note: '少一人，正在核实',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      stage: 'care_to_duty',
      fromUserId: day.users.care,
      toUserId: day.users.duty,
      toName: 'duty 老师',
      headCount: onSite - 1,
      expectedCount: onSite,
      mismatch: true,
    });
    const sent = await inbox(day.users.leader);
    expect(sent).toHaveLength(1);
    const text = renderNotification(sent[0]!.kind, JSON.parse(sent[0]!.params), 'zh-CN');
    expect(text.body).toContain(`交接 ${onSite - 1} 人，点名应为 ${onSite} 人`);
    // Only the leader is told; the administrators are the fallback.
    expect(await inbox(day.users.admin)).toHaveLength(0);
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', res.json().id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['handover.record']);

    const today = (await care.get(`/api/v1/schools/${day.world.schoolA}/today`)).json();
    const card = today.classes.find((c: { tempClassId: string }) => c.tempClassId === day.classOne);
    expect(card.handovers.careToDuty).toEqual({
      headCount: onSite - 1,
      expectedCount: onSite,
      mismatch: true,
    });
    expect(card.roll).toMatchObject({ version: 1, presentCount: onSite });
    expect(card.leaveCount).toBe(1);
  });

  it('tells the school administrators when the roster names no leader that day', async () => {
    await db().deleteFrom('duty_assignments').where('role', '=', 'leader').execute();
    const care2 = await signIn(h(), 'care2');
    await care2.send('PUT', `${classDayUrl(day, day.classTwo)}/roll-call`, {
      markedAt: '2026-09-01T07:40:00.000Z',
      marks: wholeRoll(day.membersTwo),
    });
    const res = await care2.send('POST', url(day.classTwo), {
      stage: 'care_to_duty',
      handedAt: '2026-09-01T09:30:00.000Z',
      headCount: day.membersTwo.length + 1,
    });
    expect(res.json().mismatch).toBe(true);
    expect(await inbox(day.users.admin)).toHaveLength(1);
    const stranger = await signIn(h(), 'stranger');
    const refused = await stranger.send('POST', url(day.classTwo), {
      stage: 'care_to_duty',
      handedAt: '2026-09-01T09:30:00.000Z',
      headCount: 1,
    });
    expect(refused.statusCode).toBe(404);
  });

  it('expects at the last handover only the children not yet released (DAY-4)', async () => {
    const care2 = await signIn(h(), 'care2');
    const gone = day.membersTwo[0]!;
    await db()
      .insertInto('pickup_releases')
      .values({
        id: crypto.randomUUID(),
        school_id: day.world.schoolA,
        student_id: gone,
        date: '2026-09-01',
        temp_class_id: day.classTwo,
        session_id: (
          await db()
            .selectFrom('temp_classes')
            .select('session_id')
            .where('id', '=', day.classTwo)
            .executeTakeFirstOrThrow()
        ).session_id,
        method: 'id_check',
        adult_id: null,
        adult_name: '外婆',
        permit_id: null,
        id_last4: '1234',
        note: '',
        handover_flagged: 0,
        released_by: day.users.care2,
        released_at: '2026-09-01T09:20:00.000Z',
        status: 'confirmed',
        confirmed_by: null,
        confirmed_at: null,
      })
      .execute();
    const res = await care2.send('POST', url(day.classTwo), {
      stage: 'care_to_duty',
      handedAt: '2026-09-01T09:35:00.000Z',
      headCount: day.membersTwo.length - 1,
    });
    expect(res.json()).toMatchObject({ expectedCount: day.membersTwo.length - 1, mismatch: false });
  });

  it('keeps the care log complete only with every required field, and each change as a version', async () => {
    const logUrl = `${classDayUrl(day, day.classOne)}/care-log`;
    const empty = (await care.get(logUrl)).json();
    expect(empty).toMatchObject({
      version: null,
      complete: false,
      required: ['content', 'headCount', 'startedAt', 'endedAt', 'homework'],
    });
    const partial = await care.send('PUT', logUrl, {
      content: '完成数学作业，阅读绘本',
      headCount: 5,
      startedAt: '15:30',
    });
    expect(partial.statusCode).toBe(200);
    expect(partial.json()).toMatchObject({ version: 1, complete: false, missing: ['endedAt', 'homework'] });
    const full = await care.send('PUT', logUrl, {
      content: '完成数学作业，阅读绘本',
      headCount: 5,
      startedAt: '15:30',
      endedAt: '17:30',
      homework: 'most',
      behaviour: '秩序良好',
      baseVersion: 1,
    });
    expect(full.json()).toMatchObject({ version: 2, complete: true, missing: [] });
    const kept = await db()
      .selectFrom('care_logs')
      .select(['version', 'complete'])
      .where('temp_class_id', '=', day.classOne)
      .orderBy('version')
      .execute();
    expect(kept).toEqual([
      { version: 1, complete: 0 },
      { version: 2, complete: 1 },
    ]);
    const { activityRecordsOf } = await import('./record-store');
    const records = await activityRecordsOf(db(), day.world.schoolA, '2026-09-01', '2026-09-01');
    expect(records).toEqual([
      { userId: day.users.care, tempClassId: day.classOne, date: '2026-09-01', complete: true, version: 2 },
    ]);
    // The club class needs its activity topic, not a homework answer.
    const care2 = await signIn(h(), 'care2');
    const club = await care2.send('PUT', `${classDayUrl(day, day.clubClass)}/care-log`, {
      content: '传球练习',
      headCount: 3,
      startedAt: '15:30',
      endedAt: '16:30',
    });
    expect(club.json()).toMatchObject({ complete: false, missing: ['topic'] });
    const stale = await care.send('PUT', logUrl, { content: 'x', baseVersion: 1 });
    expect(stale.json()).toMatchObject({ code: 'CARE_LOG_CHANGED_MEANWHILE' });
  });
});
