// Steps several enrolment use cases share: the term and its window, the family's child, and
// loading an application the caller may act on.
import { type Actor, can, type SchoolRef, type Scope } from '../../../server/auth/policies';
import type { AppContext, Executor } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type NotifyKind, type NotifyParams, notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import { findStudent } from '../../people/store';
import { loadSettings } from '../../programme/settings';
import { windowClosedError, windowState } from '../application-rules';
import * as store from '../store';

export function applicationLink(applicationId: string): string {
  return `/enrolment/applications/${applicationId}`;
}

export async function loadTerm(db: Executor, schoolId: string, termId: string): Promise<store.TermRecord> {
  const term = await store.findTerm(db, schoolId, termId);
  if (!term) throw new AppError('NOT_FOUND');
  return term;
}

/**
 * The window is enforced here, with the server's clock (never the client's). The settings (for
 * the time zone of the message) are read only to refuse: submitting is the hot path.
 */
export async function assertTermOpen(db: Executor, ctx: AppContext, term: store.TermRecord): Promise<void> {
  const state = windowState(term, await store.hasPublishedNotice(db, term.id), ctx.now());
  if (state === 'open') return;
  const settings = await loadSettings(db, term.schoolId);
  throw windowClosedError(term, state, settings.timezone);
}

/** A child the scope reaches; for a parent, only their own (another family's child is "not found"). */
export async function loadStudent(db: Executor, schoolId: string, studentId: string, scope: Scope) {
  const student = await findStudent(db, schoolId, studentId, scope);
  if (!student) throw new AppError('NOT_FOUND');
  return student;
}

export async function loadApplication(
  db: Executor,
  ctx: AppContext,
  schoolId: string,
  applicationId: string,
  scope: Scope,
  options: { lock?: boolean } = {},
): Promise<store.ApplicationRecord> {
  const application = await store.findApplication(db, ctx.dialect, schoolId, applicationId, scope, options);
  if (!application) throw new AppError('NOT_FOUND');
  return application;
}

/**
 * One inbox message per application to the parent who applied, with the child's and the term's
 * names filled in; `more` adds the kind's other parameters per application.
 */
export async function notifyApplicants<K extends NotifyKind>(
  db: Executor,
  at: string,
  applications: store.ApplicationRecord[],
  kind: K,
  more: (application: store.ApplicationRecord) => Omit<NotifyParams<K>, 'student' | 'term'> = () =>
    ({}) as Omit<NotifyParams<K>, 'student' | 'term'>,
): Promise<void> {
  if (applications.length === 0) return;
  const termIds = [...new Set(applications.map((a) => a.termId))];
  const [students, termName] = await Promise.all([
    store.studentsOf(
      db,
      applications.map((a) => a.studentId),
    ),
    store.termNames(db, termIds),
  ]);
  await notify(
    db,
    at,
    applications.map((a) =>
      notification(
        kind,
        { userId: a.applicantUserId, schoolId: a.schoolId },
        {
          student: students.get(a.studentId)?.name ?? '',
          term: termName.get(a.termId) ?? '',
          ...more(a),
        } as NotifyParams<K>,
        applicationLink(a.id),
      ),
    ),
  );
}

/**
 * Who may see an application's public reference. The published draw list pairs each reference with
 * its priority tier, and a tier reveals an ENR-4 category; so only the child's own family and the
 * roles that may see categories (school admin, finance) get references (SAFE-2).
 */
export async function refVisibility(
  db: Executor,
  actor: Actor,
  school: SchoolRef,
): Promise<(studentId: string) => boolean> {
  if (can(actor, 'student.sensitive', school)) return () => true;
  const own = await db
    .selectFrom('student_guardians')
    .innerJoin('guardians', 'guardians.id', 'student_guardians.guardian_id')
    .select('student_guardians.student_id')
    .where('guardians.user_id', '=', actor.userId)
    .where('guardians.school_id', '=', school.id)
    .execute();
  const children = new Set(own.map((r) => r.student_id));
  return (studentId) => children.has(studentId);
}
