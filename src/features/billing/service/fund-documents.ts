// FEE-2 subsidy income, FEE-8 expenses (and other income): finance records a document with its
// voucher and the fund book gets one row for it (key `fund:{documentId}`). Nothing is edited: a
// mistake is reversed with a reason (FEE-11) and the right document recorded anew.

import type { z } from 'zod';
import { isUniqueViolation } from '../../../db/dialect';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type IdempotentAnswer, runIdempotent } from '../../../server/idempotency';
import { writeAudit } from '../../audit/store';
import { termOf } from '../../programme/service/common';
import { loadSettings } from '../../programme/settings';
import { billableLines } from '../enrolled';
import type {
  expectedSubsidyView,
  FundDocumentInput,
  FundDocumentKind,
  FundDocumentView,
} from '../fund-contract';
import { expectedSubsidy } from '../fund-statement';
import * as store from '../fund-store';
import { appendEntries, reverseEntry } from '../ledger';
import { monthOf } from '../rules';

/** Money in the API is whole, positive fen (AMOUNT_INVALID otherwise, before anything is written). */
export function checkAmount(amountFen: number): void {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new AppError('AMOUNT_INVALID');
}

export async function recordFundDocument(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  input: FundDocumentInput,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<FundDocumentView>> {
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'recordFundDocument',
      input: { schoolId, termId, body: input },
    },
    async (trx) => {
      const { school } = await accessSchool(trx, actor, schoolId, 'fund.write');
      checkAmount(input.amountFen);
      const term = await termOf(trx, school.id, termId);
      if (input.occurredOn < term.startsOn || input.occurredOn > term.endsOn)
        throw new AppError('MONTH_NOT_IN_TERM', { month: input.occurredOn });
      if (await store.voucherTaken(trx, school.id, input.voucherNo))
        throw new AppError('VOUCHER_TAKEN', { voucher: input.voucherNo });
      const at = ctx.now().toISOString();
      const category =
        input.kind === 'expense' ? input.category : input.kind === 'subsidy' ? 'subsidy' : 'other';
      const row: store.FundDocumentRow = {
        id: newId(),
        school_id: school.id,
        term_id: term.id,
        kind: input.kind,
        category,
        occurred_on: input.occurredOn,
        amount_fen: input.amountFen,
        voucher_no: input.voucherNo,
        counterparty: input.counterparty,
        note: input.note,
        students: input.kind === 'subsidy' ? input.students : null,
        recorded_by: actor.userId,
        recorded_at: at,
      };
      try {
        await store.insertDocument(trx, row);
      } catch (err) {
        // Two finance clerks racing for one voucher number: the unique index decides.
        if (isUniqueViolation(err)) throw new AppError('VOUCHER_TAKEN', { voucher: input.voucherNo });
        throw err;
      }
      const stream = input.kind === 'expense' ? input.stream : 'service';
      // Fund book signs (design.md): income +, expense −.
      const amountFen = input.kind === 'expense' ? -input.amountFen : input.amountFen;
      await appendEntries(
        trx,
        [
          {
            schoolId: school.id,
            termId: term.id,
            book: 'fund',
            stream,
            kind: input.kind,
            month: monthOf(input.occurredOn),
            amountFen,
            sourceType: 'fund_document',
            sourceId: row.id,
            entryKey: store.fundEntryKey(row.id),
            reasonCode: input.kind,
            reasonParams: {
              voucher: input.voucherNo,
              ...(input.kind === 'expense' ? { category: input.category } : {}),
            },
          },
        ],
        at,
        actor.userId,
      );
      await writeAudit(
        trx,
        auditor(ctx, actor, meta, school)('fund.record', 'fund_document', row.id, null, { ...row, stream }),
      );
      const [view] = await store.listDocuments(trx, school.id, term.id, undefined, row.id);
      return { status: 201, body: view! };
    },
  );
}

/** FEE-11: a document's row is corrected by its opposite, once, with a reason. */
export async function reverseFundDocument(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  documentId: string,
  reason: string,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<FundDocumentView>> {
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'reverseFundDocument',
      input: { schoolId, documentId, reason },
    },
    async (trx) => {
      const { school } = await accessSchool(trx, actor, schoolId, 'fund.write');
      const doc = await store.findDocument(trx, school.id, documentId);
      if (!doc) throw new AppError('NOT_FOUND');
      const [before] = await store.listDocuments(trx, school.id, doc.term_id, undefined, doc.id);
      if (!before) throw new AppError('NOT_FOUND');
      if (before.reversal) throw new AppError('ENTRY_ALREADY_REVERSED');
      const at = ctx.now().toISOString();
      const reversal = await reverseEntry(
        trx,
        school.id,
        before.entryId,
        { sourceType: 'fund_document_reversal', sourceId: doc.id, note: reason },
        at,
        actor.userId,
      );
      await writeAudit(
        trx,
        auditor(ctx, actor, meta, school)('fund.reverse', 'fund_document', doc.id, before, {
          reversalEntryId: reversal.id,
          amountFen: reversal.amountFen,
          reason,
        }),
      );
      const [after] = await store.listDocuments(trx, school.id, doc.term_id, undefined, doc.id);
      return { status: 200, body: after! };
    },
  );
}

export async function listFundDocuments(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
  kind: FundDocumentKind | undefined,
): Promise<{ items: FundDocumentView[] }> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'fund.district');
  const term = await termOf(ctx.db, school.id, termId);
  return { items: await store.listDocuments(ctx.db, school.id, term.id, kind) };
}

/**
 * FEE-2: the subsidy the term should bring: students holding a place now × the yearly amount per
 * student ÷ 2 (a school year has two terms), beside the subsidy received (not reversed).
 */
export async function getExpectedSubsidy(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<z.infer<typeof expectedSubsidyView>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'fund.district');
  const term = await termOf(ctx.db, school.id, termId);
  const settings = await loadSettings(ctx.db, school.id);
  const lines = await billableLines(ctx.db, term, settings.timezone);
  const students = new Set(lines.filter((l) => l.withdrawnMonth === null).map((l) => l.studentId)).size;
  const perYearFen = settings.subsidyPerStudentYearFen;
  const { perTermFen, expectedFen } = expectedSubsidy(students, perYearFen);
  const docs = await store.listDocuments(ctx.db, school.id, term.id, 'subsidy');
  const receivedFen = docs.filter((d) => !d.reversal).reduce((a, d) => a + d.amountFen, 0);
  return { students, perYearFen, perTermFen, expectedFen, receivedFen };
}
