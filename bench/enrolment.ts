// Enrolment figures (issue 3): the registration-day burst of applications through the real
// server, and the draw over thousands of applications, timed in process on its own database.
import autocannon from 'autocannon';
import type { Kysely } from 'kysely';
import { connect } from '../src/db/connect';
import type { DB } from '../src/db/schema';
import { commitTermSeed, drawTerm } from '../src/features/enrolment/service/draw';
import { loadConfig } from '../src/server/config';
import { newId } from '../src/server/context';
import { contextFor } from '../src/server/main';
import { seedApplicants, seedApplications } from '../test/applications-fixture';
import type { Harness } from '../test/db-matrix';
import { createFamilies, type NewFamily } from '../test/families';
import { insertBenchTerm } from './bench-term';

export interface BenchTerm {
  termId: string;
  homeworkCare: string;
  clubs: string[];
}

/**
 * A term whose window is open now, with a published notice: one afternoon session with homework
 * care for everyone and `clubs` clubs of 30–60 places.
 */
export async function seedBenchTerm(
  db: Kysely<DB>,
  schoolId: string,
  options: { clubs: number; name: string; at: string; publisher: string },
): Promise<BenchTerm> {
  const { at } = options;
  const day = 86_400_000;
  const { termId, sessionId } = await insertBenchTerm(db, schoolId, {
    name: options.name,
    startsOn: '2027-02-20',
    endsOn: '2027-07-05',
    windowOpensAt: new Date(Date.parse(at) - day).toISOString(),
    windowClosesAt: new Date(Date.parse(at) + 14 * day).toISOString(),
    weekdays: '1,2,3,4,5',
    startsAt: '15:40',
    endsAt: '17:40',
    at,
  });
  const offering = (name: string, kind: string, capacity: number) => ({
    id: newId(),
    school_id: schoolId,
    term_id: termId,
    session_id: sessionId,
    venue_id: null,
    kind,
    name,
    description: '',
    capacity,
    teacher_user_id: null,
    teacher_name: null,
    fee_basis: 'month',
    fee_fen: 18000,
    created_at: at,
    updated_at: at,
  });
  const homework = offering('作业辅导看护', 'homework_care', 100_000);
  const clubs = Array.from({ length: options.clubs }, (_, i) =>
    offering(`社团${i + 1}`, 'club', 30 + ((i * 7) % 31)),
  );
  await db
    .insertInto('offerings')
    .values([homework, ...clubs])
    .execute();
  await db
    .insertInto('term_notices')
    .values({
      id: newId(),
      term_id: termId,
      version: 1,
      content: '{}',
      published_at: at,
      published_by: options.publisher,
    })
    .execute();
  return { termId, homeworkCare: homework.id, clubs: clubs.map((c) => c.id) };
}

export interface BurstData {
  schoolId: string;
  term: BenchTerm;
  families: NewFamily[];
}

/** Writes the burst's term and its families (each with a signed-in session) into the bench file. */
export async function prepareApplyBurst(
  file: string,
  schoolId: string,
  families: number,
  publisherUsername: string,
): Promise<BurstData> {
  const database = connect({ sqliteFile: file });
  try {
    const db = database.db;
    const now = new Date();
    const publisher = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', publisherUsername)
      .executeTakeFirstOrThrow();
    const term = await seedBenchTerm(db, schoolId, {
      clubs: 40,
      name: '基准测试学期',
      at: now.toISOString(),
      publisher: publisher.id,
    });
    const made = await db.transaction().execute((trx) =>
      createFamilies(
        trx as unknown as Kysely<DB>,
        { now: () => now, config: loadConfig({}) },
        schoolId,
        families,
        {
          phonePrefix: '1770',
          categoryEvery: 9,
        },
      ),
    );
    return { schoolId, term, families: made };
  } finally {
    await database.close();
  }
}

export interface Burst {
  ms: number;
  p50: number;
  p99: number;
  errors: number;
  created: number;
}

/**
 * Every family applies once, `connections` at a time, each with its own session, CSRF token and
 * idempotency key: homework care plus a club with a second choice.
 */
export async function applyBurst(base: string, data: BurstData, connections: number): Promise<Burst> {
  const { term, families } = data;
  let next = 0;
  const bodyFor = (i: number) => {
    const first = term.clubs[i % term.clubs.length]!;
    const second = term.clubs[(i * 7 + 3) % term.clubs.length]!;
    return JSON.stringify({
      studentId: families[i]!.studentId,
      choices: [
        { offeringIds: [term.homeworkCare] },
        { offeringIds: first === second ? [first] : [first, second] },
      ],
      conditions: [],
      note: '',
    });
  };
  let created = 0;
  const refusals: string[] = [];
  const started = performance.now();
  const result = await autocannon({
    // Every request waits for its answer: a registration-day queue is measured, not cut off at
    // autocannon's default 10 s (p99 says how long the slowest waited).
    timeout: 60,
    url: `${base}/api/v1/schools/${data.schoolId}/terms/${term.termId}/applications`,
    connections,
    amount: families.length,
    method: 'POST',
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const i = next++ % families.length;
          const f = families[i]!;
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              cookie: `kehou_session=${f.token}`,
              'x-csrf-token': f.csrf,
              'idempotency-key': `bench-${f.studentId}`,
            },
            body: bodyFor(i),
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
  if (refusals.length) console.warn('refused applications, first few:', refusals);
  // autocannon counts a timeout among its errors too.
  return {
    ms,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    created,
  };
}

/**
 * `draw_3000_ms`: 3,000 approved applications over 40 offerings (a first and a second club each,
 * homework care for every third), allocated and written in one transaction, timed in process.
 */
export async function measureDraw(dir: string, schoolId: string, publisherUsername: string): Promise<number> {
  let now = new Date();
  const ctx = { ...contextFor({ ...loadConfig({}), dataDir: dir }), now: () => now };
  try {
    const publisher = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', publisherUsername)
      .executeTakeFirstOrThrow();
    const term = await seedBenchTerm(ctx.db, schoolId, {
      clubs: 39,
      name: '基准抽签学期',
      at: now.toISOString(),
      publisher: publisher.id,
    });
    // The seeding helpers take a test harness; they only use its context.
    const h = { ctx } as unknown as Harness;
    const applicants = await seedApplicants(h, schoolId, 3000, { categoryEvery: 12 });
    await seedApplications(h, {
      schoolId,
      termId: term.termId,
      families: applicants,
      choices: (i) => {
        const pick = (k: number) => term.clubs[(i * 7 + k * 13) % term.clubs.length]!;
        return [
          { offeringId: pick(0), group: 1, rank: 1 },
          { offeringId: pick(1), group: 1, rank: 2 },
          ...(i % 3 === 0 ? [{ offeringId: term.homeworkCare, group: 2, rank: 1 }] : []),
        ];
      },
    });
    await commitTermSeed(ctx, term.termId);
    // The window closes; the draw runs.
    now = new Date(now.getTime() + 15 * 86_400_000);
    const started = performance.now();
    const summary = await drawTerm(ctx, term.termId);
    const ms = performance.now() - started;
    if (summary.applications !== 3000) throw new Error(`draw: ${JSON.stringify(summary)}`);
    return ms;
  } finally {
    await ctx.database.close();
  }
}
