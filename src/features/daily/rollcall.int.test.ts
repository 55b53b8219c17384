// rule DAY-1 (with DAY-3, SAFE-1, SAFE-2) on both databases: the care teacher marks the whole class
// in one save, prefilled with leave; a correction is a new version audited with before and after;
// twenty copies of one save with one Idempotency-Key make one roll; strangers find nothing.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { classDayUrl, type SchoolDay, seedSchoolDay, wholeRoll } from '../../../test/daily-fixtures';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, signIn } from '../../../test/fixtures';
import type { DB } from '../../db/schema';

describeBothDatabases('roll call', (h) => {
  let day: SchoolDay;
  let care: Client;
  let parent: Client;
  const db = () => h().ctx.db as Kysely<DB>;
  const url = (tempClassId = day.classOne, date = day.date) =>
    `${classDayUrl(day, tempClassId, date)}/roll-call`;
  const markedAt = '2026-09-01T07:55:00.000Z';
  const rolls = (tempClassId: string) =>
    db()
      .selectFrom('roll_calls')
      .selectAll()
      .where('temp_class_id', '=', tempClassId)
      .orderBy('version')
      .execute();

  beforeAll(async () => {
    h().setNow('2026-09-01T08:00:00.000Z');
    day = await seedSchoolDay(h());
    care = await signIn(h(), 'care');
    parent = await signIn(h(), day.world.parentPhone);
  });

  it('prefills the sheet with the leave a parent reported, then saves the whole class as version 1', async () => {
    const leave = await parent.send('POST', `/api/v1/schools/${day.world.schoolA}/leave`, {
      studentId: day.world.childOfParent,
      fromDate: '2026-09-01',
      toDate: '2026-09-02',
      reason: '发烧就医',
    });
    expect(leave.statusCode).toBe(201);
    // Reported on the day: the class's care teacher is told at once.
    const told = await db()
      .selectFrom('notifications')
      .select(['kind', 'params'])
      .where('user_id', '=', day.users.care)
      .execute();
    expect(told.map((n) => n.kind)).toEqual(['leave.today']);
    expect(JSON.parse(told[0]!.params)).toMatchObject({ className: '看护一班', reason: '发烧就医' });

    const sheet = await care.get(url());
    expect(sheet.statusCode).toBe(200);
    const body = sheet.json();
    expect(body.version).toBeNull();
    expect(body.members).toHaveLength(day.membersOne.length);
    const child = body.members.find((m: { studentId: string }) => m.studentId === day.world.childOfParent);
    expect(child.status).toBe('leave');
    expect(child.leave.reason).toBe('发烧就医');
    // Everyone else is left unmarked, so each child is looked at.
    expect(body.members.filter((m: { status: string | null }) => m.status === null)).toHaveLength(
      day.membersOne.length - 1,
    );
    expect(body.counts).toEqual({ present: 0, late: 0, absent: 0, leave: 1 });

    const late = day.membersOne[1]!;
    const absent = day.membersOne[2]!;
    const saved = await care.send('PUT', url(), {
      markedAt,
      marks: wholeRoll(day.membersOne, {
        [day.world.childOfParent]: 'leave',
        [late]: 'late',
        [absent]: 'absent',
      }),
    });
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toMatchObject({
      version: 1,
      markedAt,
      presentCount: day.membersOne.length - 2,
      counts: { present: day.membersOne.length - 3, late: 1, absent: 1, leave: 1 },
    });
    const marks = await db()
      .selectFrom('roll_call_marks')
      .selectAll()
      .where('roll_call_id', '=', saved.json().id)
      .execute();
    expect(marks).toHaveLength(day.membersOne.length);
    // The leave mark points at the family's request.
    expect(marks.find((m) => m.student_id === day.world.childOfParent)!.leave_request_id).toBe(
      leave.json().id,
    );

    const again = (await care.get(url())).json();
    expect(again.version).toBe(1);
    expect(again.members.find((m: { studentId: string }) => m.studentId === late).status).toBe('late');
  });

  it('refuses a roll that misses, repeats or adds a child, and writes nothing', async () => {
    const before = (await rolls(day.classTwo)).length;
    const care2 = await signIn(h(), 'care2');
    const missing = await care2.send('PUT', url(day.classTwo), {
      markedAt,
      marks: wholeRoll(day.membersTwo.slice(1)),
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().code).toBe('ROLL_MEMBERS_MISMATCH');
    const foreign = await care2.send('PUT', url(day.classTwo), {
      markedAt,
      marks: [...wholeRoll(day.membersTwo), { studentId: day.membersOne[0]!, status: 'present' }],
    });
    expect(foreign.json()).toMatchObject({ code: 'ROLL_MEMBERS_MISMATCH' });
    expect(foreign.json().message).toContain('多出 1 人');
    const badStatus = await care2.send('PUT', url(day.classTwo), {
      markedAt,
      marks: [{ studentId: day.membersTwo[0]!, status: 'gone' }],
    });
    expect(badStatus.statusCode).toBe(400);
    expect((await rolls(day.classTwo)).length).toBe(before);
  });

  it('keeps a correction as version 2 with the marks before and after in the audit log', async () => {
    const current = (await care.get(url())).json();
    const absent = day.membersOne[2]!;
    const corrected = await care.send('PUT', url(), {
      markedAt: '2026-09-01T08:00:00.000Z',
      baseVersion: current.version,
      marks: current.members.map((m: { studentId: string; status: string }) => ({
        studentId: m.studentId,
        status: m.studentId === absent ? 'late' : m.status,
        note: m.studentId === absent ? '16:10 到' : '',
      })),
    });
    expect(corrected.statusCode).toBe(201);
    expect(corrected.json().version).toBe(2);
    const kept = await rolls(day.classOne);
    expect(kept.map((r) => r.version)).toEqual([1, 2]);
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', corrected.json().id)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('rollCall.correct');
    expect(JSON.parse(audit.before_json!).marks[absent]).toBe('absent');
    expect(JSON.parse(audit.after_json!).marks[absent]).toBe('late: 16:10 到');

    // A correction made on top of an older version is refused rather than silently winning.
    const stale = await care.send('PUT', url(), {
      markedAt,
      baseVersion: 1,
      marks: wholeRoll(day.membersOne),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('ROLL_CHANGED_MEANWHILE');
  });

  it('turns twenty copies of one save with one key into one roll', async () => {
    const duty = await signIn(h(), 'duty');
    const body = { markedAt, marks: wholeRoll(day.membersTwo) };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        duty.send('PUT', url(day.classTwo), body, { 'idempotency-key': 'roll-two-1' }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    const kept = await rolls(day.classTwo);
    expect(kept).toHaveLength(1);
    const marks = await db()
      .selectFrom('roll_call_marks')
      .select('student_id')
      .where('roll_call_id', '=', kept[0]!.id)
      .execute();
    expect(marks).toHaveLength(day.membersTwo.length);
    // The same key with another body is refused.
    const reused = await duty.send(
      'PUT',
      url(day.classTwo),
      { markedAt, marks: wholeRoll(day.membersTwo, { [day.membersTwo[0]!]: 'absent' }) },
      { 'idempotency-key': 'roll-two-1' },
    );
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('gives simultaneous corrections by different people versions one after another', async () => {
    const admin = await signIn(h(), 'admin');
    const before = (await rolls(day.classOne)).length;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? admin : care).send(
          'PUT',
          url(),
          { markedAt, marks: wholeRoll(day.membersOne) },
          { 'idempotency-key': `par-${i}` },
        ),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(201));
    const versions = (await rolls(day.classOne)).map((r) => r.version);
    expect(versions).toEqual(Array.from({ length: before + 10 }, (_, i) => i + 1));
  });

  it('hides the class from a teacher who does not stand for it that day', async () => {
    const stranger = await signIn(h(), 'stranger');
    expect((await stranger.get(url())).statusCode).toBe(404);
    const put = await stranger.send('PUT', url(), { markedAt, marks: wholeRoll(day.membersOne) });
    expect(put.statusCode).toBe(404);
    // care2 stands for class two, not class one.
    const care2 = await signIn(h(), 'care2');
    expect((await care2.get(url())).statusCode).toBe(404);
    // Another day's roster does not name the care teacher either.
    expect((await care.get(url(day.classOne, '2026-09-02'))).statusCode).toBe(404);
    // A parent may not act in the day at all.
    expect((await parent.get(url())).statusCode).toBe(403);
  });

  it('accepts only a day the session runs, not ahead of today', async () => {
    const admin = await signIn(h(), 'admin');
    const future = await admin.send('PUT', url(day.classOne, '2026-09-02'), {
      markedAt,
      marks: wholeRoll(day.membersOne),
    });
    expect(future.json()).toMatchObject({ code: 'DAILY_FUTURE_DATE' });
    const saturday = await admin.send('PUT', url(day.classOne, '2026-08-29'), {
      markedAt,
      marks: wholeRoll(day.membersOne),
    });
    expect(saturday.json()).toMatchObject({ code: 'DAILY_NOT_SCHOOL_DAY' });
    expect(saturday.statusCode).toBe(422);
  });

  it('records the printing of the roll-call sheet', async () => {
    expect((await care.get(`${url()}?print=1`)).statusCode).toBe(200);
    const printed = await db()
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'rollCall.print')
      .execute();
    expect(printed).toEqual([{ action: 'rollCall.print', entity_id: day.classOne }]);
    expect((await care.get(`${url()}?print=yes`)).statusCode).toBe(400);
  });

  it('shows guardian phones per child on demand and logs the read', async () => {
    const child = day.world.childOfParent;
    const res = await care.get(`${classDayUrl(day, day.classOne)}/students/${child}/guardians`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0].phone).toBe(day.world.parentPhone);
    const logged = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'read.sensitive')
      .where('entity_id', '=', child)
      .execute();
    expect(logged).toHaveLength(1);
    // Not a member of the class: nothing to read.
    const other = await care.get(`${classDayUrl(day, day.classOne)}/students/${day.membersTwo[0]}/guardians`);
    expect(other.statusCode).toBe(404);
  });
});
