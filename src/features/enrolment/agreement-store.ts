// Kysely queries for the agreement (texts and signatures, ENR-2) and the family's data consent.
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';

/** The latest consent decision per student for a term (PIPL: each decision is a new row). */
export async function consentsOf(db: Executor, termId: string, studentIds: string[]) {
  const latest = new Map<string, { granted: boolean; decidedAt: string }>();
  for (let i = 0; i < studentIds.length; i += 500) {
    const rows = await db
      .selectFrom('data_consents')
      .select(['student_id', 'granted', 'decided_at'])
      .where('term_id', '=', termId)
      .where('student_id', 'in', studentIds.slice(i, i + 500))
      .orderBy('id')
      .execute();
    for (const r of rows) latest.set(r.student_id, { granted: r.granted === 1, decidedAt: r.decided_at });
  }
  return latest;
}

export async function consentHistory(db: Executor, termId: string, studentId: string) {
  return db
    .selectFrom('data_consents')
    .innerJoin('users', 'users.id', 'data_consents.decided_by')
    .select([
      'data_consents.granted',
      'data_consents.decided_at as decidedAt',
      'users.display_name as decidedByName',
    ])
    .where('data_consents.term_id', '=', termId)
    .where('data_consents.student_id', '=', studentId)
    .orderBy('data_consents.id')
    .execute();
}

export interface SignatureSummary {
  applicationId: string;
  signedAt: string;
  signedName: string;
  agreementVersion: number;
}

export async function signaturesOf(
  db: Executor,
  applicationIds: string[],
): Promise<Map<string, SignatureSummary>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('agreement_signatures')
    .innerJoin('agreement_texts', 'agreement_texts.id', 'agreement_signatures.agreement_text_id')
    .select([
      'agreement_signatures.application_id as applicationId',
      'agreement_signatures.signed_at as signedAt',
      'agreement_signatures.signed_name as signedName',
      'agreement_texts.version as agreementVersion',
    ])
    .where('agreement_signatures.application_id', 'in', applicationIds)
    .execute();
  return new Map(rows.map((r) => [r.applicationId, r]));
}

export async function findSignature(db: Executor, applicationId: string) {
  return db
    .selectFrom('agreement_signatures')
    .innerJoin('agreement_texts', 'agreement_texts.id', 'agreement_signatures.agreement_text_id')
    .innerJoin('users', 'users.id', 'agreement_signatures.signed_by')
    .select([
      'agreement_signatures.signed_name as signedName',
      'agreement_signatures.signed_at as signedAt',
      'users.display_name as signedByName',
      'agreement_texts.id as textId',
      'agreement_texts.term_id as termId',
      'agreement_texts.version',
      'agreement_texts.title',
      'agreement_texts.body',
      'agreement_texts.created_at as textCreatedAt',
    ])
    .where('agreement_signatures.application_id', '=', applicationId)
    .executeTakeFirst();
}

export async function insertAgreementText(db: Executor, row: DB['agreement_texts']): Promise<void> {
  await db.insertInto('agreement_texts').values(row).execute();
}

export async function insertSignature(db: Executor, row: DB['agreement_signatures']): Promise<void> {
  await db.insertInto('agreement_signatures').values(row).execute();
}

export async function insertConsent(db: Executor, row: DB['data_consents']): Promise<void> {
  await db.insertInto('data_consents').values(row).execute();
}

export async function currentAgreement(db: Executor, termId: string) {
  return db
    .selectFrom('agreement_texts')
    .select(['id', 'term_id as termId', 'version', 'title', 'body', 'created_at as createdAt'])
    .where('term_id', '=', termId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}
