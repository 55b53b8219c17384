// FEE-4, FEE-6: finance issues the term bills. One header per student and term, and ledger rows
// per student × offering × billed month (a charge, and a waiver beside it when one applies).
// Issuing again writes only what is new (a student enrolled later, a month not yet billed): the
// entry keys and the bill's unique (term, student) make a second run write nothing twice.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type IdempotentAnswer, runIdempotent } from '../../../server/idempotency';
import type { AuditEntry } from '../../audit/store';
import { writeAudit } from '../../audit/store';
import { schoolDays } from '../../programme/rules';
import { loadSettings } from '../../programme/settings';
import { listTermDays, lockTerm } from '../../programme/store';
import type { issueInput, issueResult } from '../bills-contract';
import { type BillOffering, planTermBill, sessionDaysByMonth } from '../bills-rules';
import * as store from '../bills-store';
import { billableLines } from '../enrolled';
import { appendEntries, type NewEntry, nextNumber } from '../ledger';
import { documentNo } from '../payments-rules';
import { monthShares, termMonths } from '../rules';

type IssueResult = z.infer<typeof issueResult>;

export async function issueTermBills(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  input: z.infer<typeof issueInput>,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<IssueResult>> {
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'issueTermBills',
      input: { schoolId, termId, input },
    },
    async (trx) => {
      const { school } = await accessSchool(trx, actor, schoolId, 'billing.write');
      // The term row locked: two finance staff issuing at once take turns (PostgreSQL; SQLite serialises).
      const term = await lockTerm(trx, ctx.dialect, school.id, termId);
      if (!term) throw new AppError('NOT_FOUND');
      const wanted = input.studentIds ? [...new Set(input.studentIds)] : undefined;
      if (wanted) {
        const found = await store.studentsOfSchool(trx, school.id, wanted);
        if (found.size !== wanted.length) throw new AppError('NOT_FOUND');
      }
      const settings = await loadSettings(trx, school.id);
      const closed = await store.closedStudents(trx, term.id, 'service');
      if (wanted) {
        const shut = wanted.find((s) => closed.has(s));
        if (shut) {
          const card = await store.studentCard(trx, school.id, shut);
          throw new AppError('TERM_CLOSED_FOR_STUDENT', { student: card?.name ?? '' });
        }
      }
      const allLines = await billableLines(trx, term, settings.timezone, wanted);
      const lines = allLines.filter((l) => !closed.has(l.studentId));
      const skippedClosed = new Set(allLines.filter((l) => closed.has(l.studentId)).map((l) => l.studentId))
        .size;

      const months = termMonths(term);
      const shares = monthShares(months, settings.termMonths, settings.partialMonth);
      const days = schoolDays(term, await listTermDays(trx, term.id));
      const offerings = new Map<string, BillOffering>(
        (await store.offeringsForBilling(trx, term.id)).map((o) => [
          o.id,
          { ...o, daysByMonth: sessionDaysByMonth(days, o.weekdays) },
        ]),
      );
      const studentIds = [...new Set(lines.map((l) => l.studentId))];
      const planned = planTermBill({
        termId: term.id,
        months,
        shares,
        lines,
        offerings,
        categories: await store.categoriesOf(trx, studentIds),
        waiverPercents: settings.waiverPercents,
        existingCharges: await store.chargesOf(trx, school.id, term.id),
      });

      const at = ctx.now().toISOString();
      const bills = await store.billsOf(trx, term.id);
      const newBills = [];
      for (const studentId of studentIds) {
        if (bills.has(studentId)) continue;
        const n = await nextNumber(trx, school.id, 'B');
        const row = {
          id: newId(),
          school_id: school.id,
          term_id: term.id,
          student_id: studentId,
          bill_no: documentNo('B', term.startsOn.slice(0, 4), n),
          issued_at: at,
          issued_by: actor.userId,
        };
        newBills.push(row);
        bills.set(studentId, row);
      }
      await store.insertBills(trx, newBills);

      const entries: NewEntry[] = planned.map((p) => ({
        schoolId: school.id,
        termId: term.id,
        book: 'family',
        stream: 'service',
        kind: p.kind,
        studentId: p.studentId,
        offeringId: p.offeringId,
        month: p.month,
        amountFen: p.amountFen,
        sourceType: 'term_bill',
        sourceId: bills.get(p.studentId)!.id,
        entryKey: p.entryKey,
        reasonCode: p.reasonCode,
        reasonParams: p.reasonParams,
      }));
      const written = await appendEntries(trx, entries, at, actor.userId);

      // SAFE-1: every student whose bill gained rows is audited with what was written.
      const perStudent = new Map<
        string,
        { charges: number; waivers: number; chargedFen: number; waivedFen: number }
      >();
      let chargesWritten = 0;
      let waiversWritten = 0;
      let chargedFen = 0;
      let waivedFen = 0;
      entries.forEach((e, i) => {
        if (!written[i]) return;
        const s = perStudent.get(e.studentId!) ?? { charges: 0, waivers: 0, chargedFen: 0, waivedFen: 0 };
        if (e.kind === 'charge') {
          s.charges += 1;
          s.chargedFen += e.amountFen;
          chargesWritten += 1;
          chargedFen += e.amountFen;
        } else {
          s.waivers += 1;
          s.waivedFen += e.amountFen;
          waiversWritten += 1;
          waivedFen += e.amountFen;
        }
        perStudent.set(e.studentId!, s);
      });
      const audit = auditor(ctx, actor, meta, school);
      const rows: AuditEntry[] = [];
      for (const [studentId, s] of perStudent) {
        const bill = bills.get(studentId)!;
        rows.push(
          audit('bill.issue', 'term_bill', bill.id, null, {
            billNo: bill.bill_no,
            termId: term.id,
            studentId,
            ...s,
          }),
        );
      }
      await writeAudit(trx, rows);
      return {
        status: 200,
        body: {
          termId: term.id,
          students: studentIds.length,
          billsCreated: newBills.length,
          chargesWritten,
          waiversWritten,
          chargedFen,
          waivedFen,
          skippedClosed,
        },
      };
    },
  );
}
