// The 5+2 report (PROG-4) for one school's term, and across a district's schools (DIST-1).
import { accessSchool } from '../../../server/auth/access';
import { type Actor, authorize, can } from '../../../server/auth/policies';
import type { AppContext } from '../../../server/context';
import type { DistrictReport, FivePlusTwoView } from '../contract';
import * as districtStore from '../district-store';
import { fivePlusTwo, localDate } from '../rules';
import { loadSettings, parseSettings, type SchoolSettings } from '../settings';
import * as store from '../store';
import { termOf } from './common';

function report(sessions: store.SessionRecord[], settings: SchoolSettings): FivePlusTwoView {
  const { minDailyMinutes, offWorkTime } = settings;
  return { ...fivePlusTwo(sessions, settings), settings: { minDailyMinutes, offWorkTime } };
}

export async function schoolFivePlusTwo(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<FivePlusTwoView> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'compliance.read');
  const term = await termOf(ctx.db, school.id, termId);
  const [sessions, settings] = await Promise.all([
    store.listSessions(ctx.db, [term.id]),
    loadSettings(ctx.db, school.id),
  ]);
  return report(sessions, settings);
}

/**
 * Every school of the district with its current and coming terms. Only a district-wide grant
 * reaches here: the reference names no school, so a school's own grants do not match it, and a
 * caller without one gets NOT_FOUND (another district does not exist for them).
 */
export async function districtFivePlusTwo(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  from: string | undefined,
): Promise<DistrictReport> {
  authorize(actor, 'compliance.read', { id: '', districtId });
  const schools = (await districtStore.listDistrictSchools(ctx.db, districtId)).filter((s) =>
    can(actor, 'compliance.read', s),
  );
  const ids = schools.map((s) => s.id);
  const settingsJson = await districtStore.settingsOfSchools(ctx.db, ids);
  const settingsOf = new Map(ids.map((id) => [id, parseSettings(settingsJson.get(id))]));
  const today = localDate(ctx.now().toISOString(), settingsOf.get(ids[0] ?? '')?.timezone ?? 'Asia/Shanghai');
  const terms = await store.termsOfSchools(ctx.db, ids, from ?? today);
  const sessions = await store.listSessions(
    ctx.db,
    terms.map((t) => t.id),
  );
  return {
    items: schools.map((s) => ({
      schoolId: s.id,
      schoolCode: s.code,
      schoolName: s.name,
      terms: terms
        .filter((t) => t.schoolId === s.id)
        .map((t) => ({
          termId: t.id,
          name: t.name,
          startsOn: t.startsOn,
          endsOn: t.endsOn,
          report: report(
            sessions.filter((x) => x.termId === t.id),
            settingsOf.get(s.id)!,
          ),
        })),
    })),
  };
}
