// FEE-9 the fund statement: the working statement of a month or the term read from the fund book
// only, every figure listed line by line (FEE-11); publishing freezes a snapshot as a new version and
// tells the school's parents; parents read published versions; the district reads every school's.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import { type Actor, authorize, can } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError, type Locale } from '../../../server/errors';
import { type IdempotentAnswer, runIdempotent } from '../../../server/idempotency';
import { writeAudit } from '../../audit/store';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import { listDistrictSchools } from '../../programme/district-store';
import { termOf } from '../../programme/service/common';
import { loadSettings } from '../../programme/settings';
import { lockTerm } from '../../programme/store';
import { localDate } from '../../programme/time';
import { explain } from '../explain';
import type {
  linesQuery,
  PublishedStatement,
  publishedList,
  statementBody,
  statementLines,
  WorkingStatement,
} from '../fund-contract';
import { categoryLabel } from '../fund-labels';
import {
  buildStatement,
  type FundRow,
  type FundStatement,
  figureValue,
  periodMonths,
  rowsBehind,
} from '../fund-statement';
import * as store from '../fund-store';
import type { Entry } from '../ledger';
import { monthOf, termMonths } from '../rules';

/** A fund-book row as the statement reads it: its month, or the school-local month it was written. */
export function toFundRow(e: Entry, timeZone: string): FundRow {
  const category = e.reasonParams.category;
  return {
    id: e.id,
    kind: e.kind,
    stream: e.stream,
    month: e.month ?? monthOf(localDate(e.createdAt, timeZone)),
    amountFen: e.amountFen,
    reversesId: e.reversesId,
    category: typeof category === 'string' ? category : null,
  };
}

interface Book {
  term: Awaited<ReturnType<typeof termOf>>;
  months: string[];
  entries: Entry[];
  rows: FundRow[];
}

async function readBook(db: Executor, schoolId: string, termId: string, period: string): Promise<Book> {
  const term = await termOf(db, schoolId, termId);
  const months = termMonths(term);
  if (periodMonths(period, months).length === 0) throw new AppError('MONTH_NOT_IN_TERM', { month: period });
  const settings = await loadSettings(db, schoolId);
  const entries = await store.fundRowsOfTerm(db, schoolId, term.id);
  return { term, months, entries, rows: entries.map((e) => toFundRow(e, settings.timezone)) };
}

const termView = (t: Book['term']) => ({ id: t.id, name: t.name, startsOn: t.startsOn, endsOn: t.endsOn });

export async function getWorkingStatement(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
  period: string,
): Promise<WorkingStatement> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'fund.district');
  const book = await readBook(ctx.db, school.id, termId, period);
  const published = await store.latestVersion(ctx.db, book.term.id, period);
  return {
    school: { id: school.id, name: await store.schoolName(ctx.db, school.id) },
    term: termView(book.term),
    termMonths: book.months,
    statement: buildStatement(book.rows, period, book.months),
    published: published
      ? { id: published.id, version: Number(published.version), publishedAt: published.published_at }
      : null,
  };
}

/** FEE-11: the rows behind one figure of the working statement, line by line. */
export async function listStatementLines(
  ctx: AppContext,
  actor: Actor,
  locale: Locale,
  schoolId: string,
  termId: string,
  query: z.infer<typeof linesQuery>,
): Promise<z.infer<typeof statementLines>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'fund.district');
  const book = await readBook(ctx.db, school.id, termId, query.period);
  const statement = buildStatement(book.rows, query.period, book.months);
  const behind = new Set(rowsBehind(book.rows, query.period, book.months, query.figure).map((r) => r.id));
  const entries = book.entries.filter((e) => behind.has(e.id));
  const byId = new Map(book.entries.map((e) => [e.id, e]));
  const docIds = [
    ...new Set(entries.filter((e) => e.sourceType.startsWith('fund_document')).map((e) => e.sourceId)),
  ];
  const vouchers = await store.vouchersOf(ctx.db, docIds);
  const rowMonth = new Map(book.rows.map((r) => [r.id, r.month]));
  return {
    figure: query.figure,
    totalFen: figureValue(statement, query.figure),
    items: entries.map((e) => {
      const params = { ...e.reasonParams };
      if (typeof params.category === 'string') params.category = categoryLabel(params.category, locale);
      if (e.kind === 'reversal') {
        const original = byId.get(e.reversesId ?? '');
        if (original && typeof original.reasonParams.category === 'string')
          params.category = categoryLabel(original.reasonParams.category, locale);
      }
      return {
        id: e.id,
        kind: e.kind,
        stream: e.stream,
        month: rowMonth.get(e.id)!,
        amountFen: e.amountFen,
        sourceType: e.sourceType,
        sourceId: e.sourceId,
        reversesId: e.reversesId,
        reason: explain(e.reasonCode, params, locale),
        voucherNo: e.sourceType.startsWith('fund_document') ? (vouchers.get(e.sourceId) ?? null) : null,
        createdAt: e.createdAt,
      };
    }),
  };
}

/** What a snapshot keeps: the statement and the names it was published under. */
interface Snapshot {
  school: { id: string; name: string };
  term: ReturnType<typeof termView>;
  statement: FundStatement;
  publishedBy: string;
}

function toPublished(row: store.StatementRow): PublishedStatement {
  const snap = JSON.parse(row.content) as Snapshot;
  return {
    id: row.id,
    schoolId: row.school_id,
    school: snap.school,
    term: snap.term,
    period: row.period,
    version: Number(row.version),
    statement: snap.statement as z.infer<typeof statementBody>,
    publishedAt: row.published_at,
    publishedBy: snap.publishedBy,
  };
}

export const statementLink = (schoolId: string, statementId: string) =>
  `/funds/published/${schoolId}/${statementId}`;

/**
 * FEE-9: freezes the period's statement as the next version (earlier versions are kept) and tells
 * the school's parents, in batches, in the same transaction.
 */
export async function publishStatement(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  period: string,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<PublishedStatement>> {
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'publishFundStatement',
      input: { schoolId, termId, period },
    },
    async (trx) => {
      const { school } = await accessSchool(trx, actor, schoolId, 'fund.publish');
      // Concurrent publishers of one term take turns (PostgreSQL), so each gets the next version.
      await lockTerm(trx, ctx.dialect, school.id, termId);
      const book = await readBook(trx, school.id, termId, period);
      const latest = await store.latestVersion(trx, book.term.id, period);
      const at = ctx.now().toISOString();
      const name = await store.schoolName(trx, school.id);
      const publishedBy = await store.displayName(trx, actor.userId);
      const snapshot: Snapshot = {
        school: { id: school.id, name },
        term: termView(book.term),
        statement: buildStatement(book.rows, period, book.months),
        publishedBy,
      };
      const row: store.StatementRow = {
        id: newId(),
        school_id: school.id,
        term_id: book.term.id,
        period,
        // A concurrent publisher of the same period loses on the unique (term, period, version).
        version: (latest ? Number(latest.version) : 0) + 1,
        content: JSON.stringify(snapshot),
        published_at: at,
        published_by: actor.userId,
      };
      await store.insertStatement(trx, row);
      await writeAudit(
        trx,
        auditor(ctx, actor, meta, school)('fund.publish', 'fund_statement', row.id, null, {
          termId: row.term_id,
          period,
          version: row.version,
          statement: snapshot.statement,
        }),
      );
      const parents = await store.parentUserIds(trx, school.id);
      const link = statementLink(school.id, row.id);
      await notify(
        trx,
        at,
        parents.map((userId) =>
          notification(
            'fund.published',
            { userId, schoolId: school.id },
            { school: name, term: book.term.name, period },
            link,
          ),
        ),
      );
      return { status: 201, body: toPublished(row) };
    },
  );
}

const summaryOf = (
  r: Awaited<ReturnType<typeof store.statementsOf>>[number],
  superseded: boolean,
): z.infer<typeof publishedList>['items'][number] => {
  const snap = JSON.parse(r.content) as Snapshot;
  return {
    id: r.id,
    schoolId: r.school_id,
    schoolName: r.school_name,
    termId: r.term_id,
    termName: r.term_name,
    period: r.period,
    version: Number(r.version),
    superseded,
    publishedAt: r.published_at,
    publishedBy: snap.publishedBy,
    incomeFen: snap.statement.income.totalFen,
    expensesFen: snap.statement.expenses.totalFen,
    netFen: snap.statement.netFen,
    closingFen: snap.statement.closingFen,
  };
};

/** Marks every version older than the newest of its (term, period) as superseded. */
function summaries(rows: Awaited<ReturnType<typeof store.statementsOf>>, latestOnly: boolean) {
  const newest = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.term_id}:${r.period}`;
    newest.set(key, Math.max(newest.get(key) ?? 0, Number(r.version)));
  }
  return rows
    .map((r) => summaryOf(r, Number(r.version) < newest.get(`${r.term_id}:${r.period}`)!))
    .filter((s) => !latestOnly || !s.superseded);
}

/** The school's published statements (every version), for its parents, staff and the district. */
export async function listPublishedStatements(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string | undefined,
): Promise<z.infer<typeof publishedList>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'fund.read');
  const rows = await store.statementsOf(ctx.db, [school.id], termId);
  return { items: summaries(rows, false) };
}

export async function getPublishedStatement(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  statementId: string,
): Promise<PublishedStatement> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'fund.read');
  const row = await store.findStatement(ctx.db, school.id, statementId);
  if (!row) throw new AppError('NOT_FOUND');
  return toPublished(row);
}

/** FEE-9: the district audits every school's published statements, figures side by side. */
export async function listDistrictStatements(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  all: boolean,
): Promise<z.infer<typeof publishedList>> {
  authorize(actor, 'fund.district', { id: '', districtId });
  const schools = (await listDistrictSchools(ctx.db, districtId)).filter((s) =>
    can(actor, 'fund.district', s),
  );
  const rows = await store.statementsOf(
    ctx.db,
    schools.map((s) => s.id),
  );
  return { items: summaries(rows, !all) };
}
