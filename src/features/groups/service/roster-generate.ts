// STAFF-4, STAFF-5: the school generates a draft roster version for a term. The generator is pure
// (roster-rules.ts); this loads its inputs, stores the version with every duty and the slots it
// could not fill, and audits it, all in one transaction. Drafts are kept as versions; nothing is in
// force until one is published.
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { loadSettings } from '../../programme/settings';
import * as programmeStore from '../../programme/store';
import type { RosterSummary } from '../roster-contract';
import { generateRoster } from '../roster-rules';
import * as store from '../roster-store';
import { sweepLapsed } from './outside-common';
import { loadRosterInput, todayOf } from './roster-common';

export async function generateDraftRoster(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
): Promise<RosterSummary> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'duty.write');
    // Locked: two generations at once would both take the same next version number.
    const term = await programmeStore.lockTerm(trx, ctx.dialect, school.id, termId);
    if (!term) throw new AppError('NOT_FOUND');
    const settings = await loadSettings(trx, school.id);
    // rule STAFF-6: an expired check takes a person off the roster before it is built.
    await sweepLapsed(trx, ctx, actor, meta, school, todayOf(ctx.now(), settings));
    const { input } = await loadRosterInput(trx, school.id, term, settings);
    const roster = generateRoster(input);
    const at = ctx.now().toISOString();
    const id = newId();
    const version = await store.nextRosterVersion(trx, term.id);
    await store.insertRoster(trx, {
      id,
      school_id: school.id,
      term_id: term.id,
      version,
      status: 'draft',
      unfilled: JSON.stringify(roster.unfilled),
      generated_by: actor.userId,
      generated_at: at,
      published_at: null,
    });
    await store.insertDuties(
      trx,
      roster.duties.map((d) => ({
        id: newId(),
        roster_id: id,
        school_id: school.id,
        date: d.date,
        session_id: d.sessionId,
        temp_class_id: d.tempClassId,
        role: d.role,
        user_id: d.userId,
        outside_staff_id: d.outsideStaffId,
        created_at: at,
      })),
    );
    // The duties themselves are the roster's content; the audit row records the version and its size.
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('roster.generate', 'duty_roster', id, null, {
        termId: term.id,
        version,
        status: 'draft',
        duties: roster.duties.length,
        unfilled: roster.unfilled.length,
        staffRatio: settings.staffRatio,
      }),
    );
    return {
      id,
      termId: term.id,
      version,
      status: 'draft',
      generatedAt: at,
      publishedAt: null,
      dutyCount: roster.duties.length,
      unfilledCount: roster.unfilled.length,
    };
  });
}
