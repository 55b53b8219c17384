// Helpers the programme's use cases share: loading a term of the school, and the term's view.
import type { AppContext, Executor } from '../../../server/context';
import { AppError } from '../../../server/errors';
import type { TermView } from '../contract';
import { windowState } from '../rules';
import * as store from '../store';

/** The term of this school, or NOT_FOUND: another school's term does not exist for the caller. */
export async function termOf(db: Executor, schoolId: string, termId: string) {
  const term = await store.findTerm(db, schoolId, termId);
  if (!term) throw new AppError('NOT_FOUND');
  return term;
}

/** The term locked for the transaction (PostgreSQL row lock), or NOT_FOUND. */
export async function lockedTermOf(ctx: AppContext, db: Executor, schoolId: string, termId: string) {
  const term = await store.lockTerm(db, ctx.dialect, schoolId, termId);
  if (!term) throw new AppError('NOT_FOUND');
  return term;
}

export function toTermView(term: store.TermRecord, now: Date, noticeVersion: number | null): TermView {
  return {
    id: term.id,
    name: term.name,
    startsOn: term.startsOn,
    endsOn: term.endsOn,
    windowOpensAt: term.windowOpensAt,
    windowClosesAt: term.windowClosesAt,
    windowState: windowState(term, now),
    conditions: term.conditions,
    noticeVersion,
    createdAt: term.createdAt,
    updatedAt: term.updatedAt,
  };
}

/** The fields of `after` that differ from `before`, each side, for the audit row. */
export function changedFields<T extends object>(before: T, after: Partial<T>) {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      was[key as string] = before[key];
      now[key as string] = after[key];
    }
  }
  return { was, now, changed: Object.keys(now).length > 0 };
}
