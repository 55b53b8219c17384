// Roll-call figures (issue 4, DAY-1): 50 care teachers, each standing for a temporary class of 45,
// save the whole class at once through the real server (45 marks a save, an Idempotency-Key each,
// every save after the first a correction kept as a new version). Beside it, the ceiling: the same
// rows (a roll and its 45 marks, after reading the last version) written with better-sqlite3
// behind a bare Fastify route (servers.ts `/rollcall`).
//
// Standalone: `node --import tsx bench/rollcall.ts` generates the data, starts both servers,
// measures, and prints the figures. run.ts calls `prepareRollCall` and `measureRollCall`.
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import type { Kysely } from 'kysely';
import { insertInChunks } from '../src/db/batch';
import { connect } from '../src/db/connect';
import type { DB } from '../src/db/schema';
import { grantRow, userRow } from '../src/features/people/store';
import { localDate } from '../src/features/programme/rules';
import { createSession } from '../src/server/auth/sessions';
import { loadConfig } from '../src/server/config';
import { type AppContext, newId } from '../src/server/context';
import { insertBenchTerm, insertPublishedRoster } from './bench-term';
import { generate } from './generate';
import { measure, startServer, stopServers } from './load';

export const teachers = 50;
export const classSize = 45;

export interface RollCallData {
  schoolId: string;
  date: string;
  /** Per teacher: the class, its members, and a signed-in session. */
  seats: { tempClassId: string; studentIds: string[]; token: string; csrf: string }[];
}

/**
 * Writes into the bench file: a term covering today (today made a school day even on a weekend),
 * an afternoon session, one offering and one temporary class of 45 per teacher, 50 care teachers
 * with sessions, and a published roster naming each for their class today.
 */
export async function prepareRollCall(file: string, schoolId: string): Promise<RollCallData> {
  const database = connect({ sqliteFile: file });
  try {
    const db = database.db;
    const now = new Date();
    const at = now.toISOString();
    const date = localDate(at, 'Asia/Shanghai');
    const school = await db
      .selectFrom('schools')
      .select(['id', 'district_id'])
      .where('id', '=', schoolId)
      .executeTakeFirstOrThrow();
    const students = await db
      .selectFrom('students')
      .select('id')
      .where('school_id', '=', schoolId)
      .orderBy('student_no')
      .execute();
    const seats = await db.transaction().execute(async (trx) => {
      const tx = trx as unknown as Kysely<DB>;
      const { termId, sessionId } = await insertBenchTerm(tx, schoolId, {
        name: '点名基准学期',
        startsOn: date,
        endsOn: date,
        windowOpensAt: at,
        windowClosesAt: at,
        weekdays: '1,2,3,4,5',
        startsAt: '15:30',
        endsAt: '17:30',
        at,
      });
      // A weekend run: the day becomes a make-up day following Monday's timetable.
      await tx
        .insertInto('term_days')
        .values({ term_id: termId, date, kind: 'makeup', follows_weekday: 1, note: 'bench' })
        .execute();
      const admin = await tx
        .selectFrom('users')
        .select('id')
        .where('username', '=', 's1-admin')
        .executeTakeFirstOrThrow();
      const rosterId = await insertPublishedRoster(tx, schoolId, termId, admin.id, at);
      const offerings: DB['offerings'][] = [];
      const classes: DB['temp_classes'][] = [];
      const members: DB['temp_class_members'][] = [];
      const users: DB['users'][] = [];
      const grants: DB['role_grants'][] = [];
      const duties: DB['duty_assignments'][] = [];
      const made: { tempClassId: string; studentIds: string[]; userId: string }[] = [];
      for (let t = 0; t < teachers; t++) {
        // One offering per class, so a student may sit in several bench classes (one per offering).
        const offeringId = newId();
        offerings.push({
          id: offeringId,
          school_id: schoolId,
          term_id: termId,
          session_id: sessionId,
          venue_id: null,
          kind: 'homework_care',
          category: null,
          name: `看护${t + 1}`,
          description: '',
          capacity: classSize,
          teacher_user_id: null,
          teacher_name: null,
          fee_basis: null,
          fee_fen: null,
          created_at: at,
          updated_at: at,
        });
        const tempClassId = newId();
        classes.push({
          id: tempClassId,
          school_id: schoolId,
          term_id: termId,
          session_id: sessionId,
          offering_id: offeringId,
          kind: 'care',
          name: `看护${t + 1}班`,
          venue_id: null,
          head_teacher_id: null,
          created_at: at,
          updated_at: at,
        });
        const studentIds = Array.from(
          { length: classSize },
          (_, i) => students[(t * classSize + i) % students.length]!.id,
        );
        for (const [i, studentId] of studentIds.entries())
          members.push({
            id: newId(),
            temp_class_id: tempClassId,
            offering_id: offeringId,
            student_id: studentId,
            seat_no: i + 1,
            joined_at: at,
            left_at: null,
            changed_by: null,
          });
        const user = userRow({ username: `bench-care-${t + 1}`, displayName: `看护教师${t + 1}` }, at);
        users.push(user);
        grants.push(
          grantRow({ userId: user.id, role: 'care_teacher', districtId: school.district_id, schoolId }, at),
        );
        duties.push({
          id: newId(),
          roster_id: rosterId,
          school_id: schoolId,
          date,
          session_id: sessionId,
          temp_class_id: tempClassId,
          role: 'care',
          user_id: user.id,
          outside_staff_id: null,
          created_at: at,
        });
        made.push({ tempClassId, studentIds, userId: user.id });
      }
      await insertInChunks(tx, 'offerings', offerings);
      await insertInChunks(tx, 'temp_classes', classes);
      await insertInChunks(tx, 'temp_class_members', members);
      await insertInChunks(tx, 'users', users);
      await insertInChunks(tx, 'role_grants', grants);
      await insertInChunks(tx, 'duty_assignments', duties);
      const ctx = { now: () => now, config: loadConfig({}) } as AppContext;
      const out: RollCallData['seats'] = [];
      for (const m of made) {
        const session = await createSession(tx, ctx, m.userId, { ip: null, userAgent: 'bench' });
        out.push({
          tempClassId: m.tempClassId,
          studentIds: m.studentIds,
          token: session.token,
          csrf: session.csrfToken,
        });
      }
      return out;
    });
    return { schoolId, date, seats };
  } finally {
    await database.close();
  }
}

const statuses = [
  'present',
  'present',
  'present',
  'present',
  'present',
  'present',
  'late',
  'absent',
  'leave',
];

function bodyOf(studentIds: string[], n: number): string {
  return JSON.stringify({
    markedAt: new Date().toISOString(),
    marks: studentIds.map((studentId, i) => ({ studentId, status: statuses[(i + n) % statuses.length] })),
  });
}

export interface RollCallFigures {
  rollcall_rps: number;
  rollcall_p50_ms: number;
  rollcall_p99_ms: number;
  rollcall_10conn_p99_ms: number;
  rollcall_burst_50_p99_ms: number;
  rollcall_bare_rps: number;
  rollcall_bare_p99_ms: number;
  rollcall_ratio: number;
  rollcall_errors: number;
}

/** A save per request, teachers in turn, each request with a fresh Idempotency-Key. */
async function saves(
  base: string,
  data: RollCallData,
  connections: number,
  options: { seconds?: number; amount?: number },
) {
  let next = 0;
  let refused = 0;
  const samples: string[] = [];
  const result = await autocannon({
    url: `${base}/api/v1/schools/${data.schoolId}/temp-classes/x/days/${data.date}/roll-call`,
    connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 10 }),
    timeout: 30,
    requests: [
      {
        method: 'PUT',
        setupRequest: (request) => {
          const n = next++;
          const seat = data.seats[n % data.seats.length]!;
          return {
            ...request,
            path: `/api/v1/schools/${data.schoolId}/temp-classes/${seat.tempClassId}/days/${data.date}/roll-call`,
            headers: {
              'content-type': 'application/json',
              cookie: `kehou_session=${seat.token}`,
              'x-csrf-token': seat.csrf,
              'idempotency-key': `bench-roll-${n}-${Date.now()}`,
            },
            body: bodyOf(seat.studentIds, n),
          };
        },
        onResponse: (status, body) => {
          if (status !== 201) {
            refused++;
            if (samples.length < 3) samples.push(`${status} ${body.slice(0, 160)}`);
          }
        },
      },
    ],
  });
  if (samples.length) console.warn('refused roll calls, first few:', samples);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + refused,
  };
}

/**
 * The app and its bare twin are loaded in alternating slices (as `measurePair` does for the
 * students list), so load from other processes on the machine falls on both alike and the ratio
 * stays meaningful; figures are the means over the slices.
 */
export async function measureRollCall(
  app: string,
  bare: string,
  data: RollCallData,
  seconds = 10,
  rounds = 2,
): Promise<RollCallFigures> {
  const seat = data.seats[0]!;
  const bareLoad = {
    url: `${bare}/rollcall`,
    method: 'POST',
    connections: teachers,
    seconds: seconds / rounds,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      tempClassId: seat.tempClassId,
      date: data.date,
      ...JSON.parse(bodyOf(seat.studentIds, 0)),
    }),
  };
  // Warm-up (JIT, statement caches), thrown away.
  await saves(app, data, teachers, { seconds: 2 });
  const appRuns: Awaited<ReturnType<typeof saves>>[] = [];
  const bareRuns: Awaited<ReturnType<typeof measure>>[] = [];
  for (let r = 0; r < rounds; r++) {
    appRuns.push(await saves(app, data, teachers, { seconds: seconds / rounds }));
    bareRuns.push(await measure(bareLoad, r === 0 ? 2 : 0));
  }
  const mean = <T>(list: T[], key: (x: T) => number) =>
    list.reduce((sum, x) => sum + key(x), 0) / list.length;
  const at10 = await saves(app, data, 10, { seconds: 5 });
  // The moment the bell rings: each of the 50 teachers saves once, all at the same time.
  const burst = await saves(app, data, teachers, { amount: teachers });
  const round = (n: number, digits = 1) => Number(n.toFixed(digits));
  const appRps = mean(appRuns, (m) => m.rps);
  const bareRps = mean(bareRuns, (m) => m.rps);
  return {
    rollcall_rps: round(appRps),
    rollcall_p50_ms: round(mean(appRuns, (m) => m.p50)),
    rollcall_p99_ms: round(mean(appRuns, (m) => m.p99)),
    rollcall_10conn_p99_ms: at10.p99,
    rollcall_burst_50_p99_ms: burst.p99,
    rollcall_bare_rps: round(bareRps),
    rollcall_bare_p99_ms: round(mean(bareRuns, (m) => m.p99)),
    rollcall_ratio: round(appRps / bareRps, 3),
    rollcall_errors:
      appRuns.reduce((n, m) => n + m.errors, 0) +
      at10.errors +
      burst.errors +
      bareRuns.reduce((n, m) => n + m.errors + m.non2xx, 0),
  };
}

async function startPatiently(mode: 'app' | 'bare', dir: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServer(mode, dir);
    } catch (e) {
      if (attempt === 3) throw e;
      console.warn(`${mode} server: ${(e as Error).message}; stopping it and trying again`);
      await stopServers();
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log('generating one school…');
  const data = await generate({ schools: 1 });
  try {
    const roll = await prepareRollCall(data.file, data.schoolId);
    // One after the other, and retried: on a busy machine (the shared 2-core box) a cold start of
    // the app under tsx can take longer than load.ts's 20 s.
    const app = await startPatiently('app', data.dir);
    const bare = await startPatiently('bare', data.dir);
    console.log('roll call: 50 teachers, 45 marks a save…');
    const figures = await measureRollCall(app, bare, roll);
    console.log(JSON.stringify(figures, null, 2));
    console.log(`${figures.rollcall_ratio >= 0.5 ? 'PASS' : 'FAIL'}  rollcall_rps ≥ 0.5 × bare`);
    console.log(`${figures.rollcall_p99_ms <= 25 ? 'PASS' : 'FAIL'}  rollcall_p99_ms ≤ 25 (50 connections)`);
  } finally {
    await stopServers();
    const fs = await import('node:fs');
    fs.rmSync(data.dir, { recursive: true, force: true });
  }
}
