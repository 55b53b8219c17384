// The rows every bench data set starts from: a term with one afternoon session, and a published
// duty roster, written straight to the file before the servers measure anything.
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema';
import { newId } from '../src/server/context';

export async function insertBenchTerm(
  db: Kysely<DB>,
  schoolId: string,
  o: {
    name: string;
    startsOn: string;
    endsOn: string;
    windowOpensAt: string;
    windowClosesAt: string;
    weekdays: string;
    startsAt: string;
    endsAt: string;
    at: string;
  },
): Promise<{ termId: string; sessionId: string }> {
  const termId = newId();
  const sessionId = newId();
  await db
    .insertInto('terms')
    .values({
      id: termId,
      school_id: schoolId,
      name: o.name,
      starts_on: o.startsOn,
      ends_on: o.endsOn,
      window_opens_at: o.windowOpensAt,
      window_closes_at: o.windowClosesAt,
      conditions: '[]',
      seed_hash: null,
      seed: null,
      seed_committed_at: null,
      drawn_at: null,
      draw_result: null,
      seed_revealed_at: null,
      list_published_at: null,
      created_at: o.at,
      updated_at: o.at,
    })
    .execute();
  await db
    .insertInto('term_sessions')
    .values({
      id: sessionId,
      school_id: schoolId,
      term_id: termId,
      name: '课后服务',
      kind: 'afternoon',
      weekdays: o.weekdays,
      starts_at: o.startsAt,
      ends_at: o.endsAt,
      class_hours: 2,
      created_at: o.at,
      updated_at: o.at,
    })
    .execute();
  return { termId, sessionId };
}

/** A published roster version 1 for the term; the bench adds its duties. */
export async function insertPublishedRoster(
  db: Kysely<DB>,
  schoolId: string,
  termId: string,
  generatedBy: string,
  at: string,
): Promise<string> {
  const rosterId = newId();
  await db
    .insertInto('duty_rosters')
    .values({
      id: rosterId,
      school_id: schoolId,
      term_id: termId,
      version: 1,
      status: 'published',
      unfilled: '[]',
      generated_by: generatedBy,
      generated_at: at,
      published_at: at,
    })
    .execute();
  return rosterId;
}
