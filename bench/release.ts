// Pickup figures (issue 4, DAY-4): a school afternoon's releases through the real server. On the
// bench's school it writes a term covering today, 40 temporary classes holding every student, a
// published roster with one care teacher per class (each signed in), today's roll with everyone
// present, and one authorised adult with a pickup code per child; then every child is released
// by code, `connections` teachers at a time. `release_p99_ms` (target ≤ 25) is the figure.
// Standalone: `node --import tsx bench/release.ts` generates its own data and server.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import type { Kysely } from 'kysely';
import { addStaff } from '../src/cli/demo';
import { insertInChunks } from '../src/db/batch';
import { connect } from '../src/db/connect';
import type { DB } from '../src/db/schema';
import { localDate } from '../src/features/enrolment/application-rules';
import { createSession } from '../src/server/auth/sessions';
import { loadConfig } from '../src/server/config';
import { newId } from '../src/server/context';
import { insertBenchTerm, insertPublishedRoster } from './bench-term';
import { generate } from './generate';
import { startServer, stopServers } from './load';

export interface ReleaseData {
  schoolId: string;
  /** One request per child: its class, the teacher's session, and the adult's code. */
  requests: { tempClassId: string; studentId: string; code: string; token: string; csrf: string }[];
}

const classes = 40;

export async function prepareReleases(file: string, schoolId: string): Promise<ReleaseData> {
  const database = connect({ sqliteFile: file });
  try {
    const db = database.db as Kysely<DB>;
    const now = new Date();
    const at = now.toISOString();
    const today = localDate(now, 'Asia/Shanghai');
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
    return await db.transaction().execute(async (trx) => {
      const tx = trx as unknown as Kysely<DB>;
      const admin = await tx
        .selectFrom('users')
        .select('id')
        .where('username', '=', 's1-admin')
        .executeTakeFirstOrThrow();
      const { termId, sessionId } = await insertBenchTerm(tx, schoolId, {
        name: '基准接送学期',
        startsOn: today,
        endsOn: today,
        windowOpensAt: at,
        windowClosesAt: at,
        weekdays: '1,2,3,4,5,6,7',
        startsAt: '15:40',
        endsAt: '17:40',
        at,
      });
      const offeringId = newId();
      await tx
        .insertInto('offerings')
        .values({
          id: offeringId,
          school_id: schoolId,
          term_id: termId,
          session_id: sessionId,
          venue_id: null,
          kind: 'homework_care',
          name: '作业辅导看护',
          description: '',
          capacity: 10_000,
          teacher_user_id: null,
          teacher_name: null,
          fee_basis: 'month',
          fee_fen: 18000,
          created_at: at,
          updated_at: at,
        })
        .execute();
      const rosterId = await insertPublishedRoster(tx, schoolId, termId, admin.id, at);
      const ctx = { now: () => now, config: loadConfig({}) } as never;
      const classRows: DB['temp_classes'][] = [];
      const teachers: { userId: string; token: string; csrf: string }[] = [];
      for (let c = 0; c < classes; c++) {
        const userId = await addStaff(
          tx,
          {
            username: `bench-pickup-${c + 1}`,
            displayName: `看护老师${c + 1}`,
            passwordHash: null,
            grants: [{ role: 'care_teacher', districtId: school.district_id, schoolId }],
          },
          at,
        );
        const session = await createSession(tx, ctx, userId, { ip: null, userAgent: 'bench' });
        teachers.push({ userId, token: session.token, csrf: session.csrfToken });
        classRows.push({
          id: newId(),
          school_id: schoolId,
          term_id: termId,
          session_id: sessionId,
          offering_id: offeringId,
          kind: 'care',
          name: `看护${c + 1}班`,
          venue_id: null,
          head_teacher_id: null,
          created_at: at,
          updated_at: at,
        });
      }
      await insertInChunks(tx, 'temp_classes', classRows);
      await insertInChunks(
        tx,
        'duty_assignments',
        classRows.map((cls, c) => ({
          id: newId(),
          roster_id: rosterId,
          school_id: schoolId,
          date: today,
          session_id: sessionId,
          temp_class_id: cls.id,
          role: 'care',
          user_id: teachers[c]!.userId,
          outside_staff_id: null,
          created_at: at,
        })),
      );
      const classOf = (i: number) => i % classes;
      await insertInChunks(
        tx,
        'temp_class_members',
        students.map((s, i) => ({
          id: newId(),
          temp_class_id: classRows[classOf(i)]!.id,
          offering_id: offeringId,
          student_id: s.id,
          seat_no: Math.floor(i / classes) + 1,
          joined_at: at,
          left_at: null,
          changed_by: admin.id,
        })),
      );
      const rolls = classRows.map((cls) => ({
        id: newId(),
        school_id: schoolId,
        temp_class_id: cls.id,
        date: today,
        version: 1,
        taken_by: teachers[0]!.userId,
        marked_at: at,
        saved_at: at,
        present_count: 0,
        note: '',
      }));
      await insertInChunks(tx, 'roll_calls', rolls);
      await insertInChunks(
        tx,
        'roll_call_marks',
        students.map((s, i) => ({
          roll_call_id: rolls[classOf(i)]!.id,
          student_id: s.id,
          status: 'present',
          leave_request_id: null,
          note: '',
        })),
      );
      const adults = students.map((s) => ({
        id: newId(),
        school_id: schoolId,
        student_id: s.id,
        name: '接送人',
        relation: '外婆',
        phone: null,
        revoked_at: null,
        created_by: admin.id,
        created_at: at,
      }));
      await insertInChunks(tx, 'authorised_adults', adults);
      const codes = adults.map((a, i) => ({
        adult_id: a.id,
        school_id: schoolId,
        student_id: a.student_id,
        code: String((i * 7919 + 12345) % 1_000_000).padStart(6, '0'),
        set_by: admin.id,
        set_at: at,
      }));
      await insertInChunks(tx, 'pickup_codes', codes);
      return {
        schoolId,
        requests: students.map((s, i) => ({
          tempClassId: classRows[classOf(i)]!.id,
          studentId: s.id,
          code: codes[i]!.code,
          token: teachers[classOf(i)]!.token,
          csrf: teachers[classOf(i)]!.csrf,
        })),
      };
    });
  } finally {
    await database.close();
  }
}

export interface ReleaseFigures {
  release_p50_ms: number;
  release_p99_ms: number;
  release_rps: number;
  release_count: number;
  release_errors: number;
}

/** Releases every child once, `connections` at a time, each as its class's care teacher. */
export async function measureRelease(
  base: string,
  data: ReleaseData,
  connections = 10,
): Promise<ReleaseFigures> {
  let next = 0;
  let created = 0;
  const refusals: string[] = [];
  const started = performance.now();
  const result = await autocannon({
    timeout: 60,
    url: `${base}/api/v1/schools/${data.schoolId}/pickup/releases`,
    connections,
    amount: data.requests.length,
    method: 'POST',
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const r = data.requests[next++ % data.requests.length]!;
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              cookie: `kehou_session=${r.token}`,
              'x-csrf-token': r.csrf,
            },
            body: JSON.stringify({
              method: 'code',
              tempClassId: r.tempClassId,
              studentId: r.studentId,
              code: r.code,
            }),
          };
        },
        onResponse: (status, body) => {
          if (status === 201) created++;
          else if (refusals.length < 5) refusals.push(`${status} ${body.slice(0, 160)}`);
        },
      },
    ],
  });
  const ms = performance.now() - started;
  if (refusals.length) console.warn('refused releases, first few:', refusals);
  return {
    release_p50_ms: result.latency.p50,
    release_p99_ms: result.latency.p99,
    release_rps: Number((created / (ms / 1000)).toFixed(1)),
    release_count: created,
    release_errors: result.errors + result.non2xx,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--connections');
  const connections = at > 0 ? Number(process.argv[at + 1]) : 10;
  console.log('generating one school…');
  const data = await generate({ schools: 1 });
  try {
    const app = await startServer('app', data.dir);
    console.log('pickup: 40 classes, a roll, an adult with a code per child…');
    const prepared = await prepareReleases(data.file, data.schoolId);
    console.log(`pickup: releasing ${prepared.requests.length} children, ${connections} teachers at a time…`);
    const figures = await measureRelease(app, prepared, connections);
    console.log(JSON.stringify({ ...figures, connections }, null, 2));
    console.log(`${figures.release_p99_ms <= 25 ? 'PASS' : 'FAIL'}  release_p99_ms ≤ 25`);
  } finally {
    await stopServers();
    fs.rmSync(data.dir, { recursive: true, force: true });
  }
}
