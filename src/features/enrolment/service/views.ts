// Builds what parents and staff read about applications: lines with offering names, the status
// timeline (from the audit rows of the application and its withdrawal requests), consent, signature.
import type { DB } from '../../../db/schema';
import type { Executor } from '../../../server/context';
import * as agreementStore from '../agreement-store';
import type { ApplicationView, ConsentState } from '../contract';
import type { ApplicationStatus, LineStatus } from '../rules';
import type { ApplicationRecord } from '../store';
import * as store from '../store';
import * as withdrawalStore from '../withdrawal-store';

type ConditionAnswer = ApplicationView['conditions'][number];

export function consentStateOf(latest: { granted: boolean } | undefined): ConsentState {
  if (!latest) return 'unknown';
  return latest.granted ? 'granted' : 'refused';
}

function parseConditions(json: string): ConditionAnswer[] {
  try {
    const list = JSON.parse(json) as ConditionAnswer[];
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

function timelineEntry(row: { action: string; afterJson: string | null; at: string }) {
  let after: { status?: unknown; reason?: unknown } = {};
  try {
    after = row.afterJson ? (JSON.parse(row.afterJson) as typeof after) : {};
  } catch {
    after = {};
  }
  return {
    at: row.at,
    action: row.action,
    status: typeof after.status === 'string' ? after.status : null,
    reason: typeof after.reason === 'string' && after.reason ? after.reason : null,
  };
}

/** Full views of applications of one school, in the order given. */
export async function applicationViews(
  db: Executor,
  schoolId: string,
  records: ApplicationRecord[],
): Promise<ApplicationView[]> {
  if (records.length === 0) return [];
  const ids = records.map((r) => r.id);
  const termIds = [...new Set(records.map((r) => r.termId))];
  const [lines, students, classes, signatures, withdrawals, termName] = await Promise.all([
    store.linesOf(db, ids),
    store.studentsOf(
      db,
      records.map((r) => r.studentId),
    ),
    store.classesOf(db, [...new Set(records.map((r) => r.classId))]),
    agreementStore.signaturesOf(db, ids),
    withdrawalStore.withdrawalsOf(db, ids),
    store.termNames(db, termIds),
  ]);
  const consents = new Map<string, Map<string, { granted: boolean }>>();
  for (const termId of termIds) {
    consents.set(
      termId,
      await agreementStore.consentsOf(
        db,
        termId,
        records.filter((r) => r.termId === termId).map((r) => r.studentId),
      ),
    );
  }
  const audit = await store.auditOf(db, schoolId, [...ids, ...withdrawals.map((w) => w.id)]);
  const appOfWithdrawal = new Map(withdrawals.map((w) => [w.id, w.applicationId]));
  return records.map((r) => {
    const student = students.get(r.studentId);
    const schoolClass = classes.get(r.classId);
    const signature = signatures.get(r.id);
    return {
      id: r.id,
      publicRef: r.publicRef,
      termId: r.termId,
      termName: termName.get(r.termId) ?? '',
      studentId: r.studentId,
      studentName: student?.name ?? '',
      classId: r.classId,
      grade: schoolClass?.grade ?? 0,
      classNo: schoolClass?.classNo ?? 0,
      status: r.status,
      conditions: parseConditions(r.conditions),
      note: r.note,
      reviewNote: r.reviewNote,
      submittedAt: r.submittedAt,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      lines: lines.filter((l) => l.applicationId === r.id).map(({ applicationId: _, ...line }) => line),
      timeline: audit
        .filter((a) => a.entityId === r.id || appOfWithdrawal.get(a.entityId) === r.id)
        .map(timelineEntry),
      consent: consentStateOf(consents.get(r.termId)?.get(r.studentId)),
      signature: signature
        ? {
            signedAt: signature.signedAt,
            signedName: signature.signedName,
            agreementVersion: signature.agreementVersion,
          }
        : null,
      withdrawals: withdrawals.filter((w) => w.applicationId === r.id),
    };
  });
}

export async function applicationView(
  db: Executor,
  schoolId: string,
  record: ApplicationRecord,
): Promise<ApplicationView> {
  return (await applicationViews(db, schoolId, [record]))[0]!;
}

/**
 * The view of an application created a moment ago in this transaction, built from what the caller
 * holds rather than read back (submitting is the hot path of registration day). It must equal
 * what `applicationView` would read: same fields, lines in choice order, one timeline entry.
 */
export function newApplicationView(input: {
  row: DB['applications'];
  termName: string;
  student: { name: string; grade: number; classNo: number };
  lines: DB['application_lines'][];
  offerings: ReadonlyMap<string, { name: string; kind: string; sessionName: string }>;
  conditions: ApplicationView['conditions'];
  action: string;
  consent: ConsentState;
}): ApplicationView {
  const { row } = input;
  return {
    id: row.id,
    publicRef: row.public_ref,
    termId: row.term_id,
    termName: input.termName,
    studentId: row.student_id,
    studentName: input.student.name,
    classId: row.class_id,
    grade: input.student.grade,
    classNo: input.student.classNo,
    status: row.status as ApplicationStatus,
    conditions: input.conditions,
    note: row.note,
    reviewNote: row.review_note,
    submittedAt: row.submitted_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lines: [...input.lines]
      .sort((a, b) => a.choice_group - b.choice_group || a.choice_rank - b.choice_rank)
      .map((l) => {
        const offering = input.offerings.get(l.offering_id);
        return {
          id: l.id,
          offeringId: l.offering_id,
          offeringName: offering?.name ?? '',
          offeringKind: offering?.kind ?? '',
          sessionName: offering?.sessionName ?? '',
          choiceGroup: l.choice_group,
          choiceRank: l.choice_rank,
          status: l.status as LineStatus,
          waitlistPosition: l.waitlist_position,
          offerExpiresAt: l.offer_expires_at,
        };
      }),
    timeline: [{ at: row.created_at, action: input.action, status: row.status, reason: null }],
    consent: input.consent,
    signature: null,
    withdrawals: [],
  };
}
