// DIST-1: the district officer's dashboard across the district's schools, and the drill-down of
// one school, for the term running at a date (each school its own term). Every figure is read by one
// aggregate across the schools (dashboard-store.ts); 5+2 is the programme's own report (PROG-4),
// fees against caps the billing rule (FEE-3), arrears billing's balances (familyBalances).
import { type Actor, authorize } from '../../../server/auth/policies';
import type { AppContext } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { capsOf } from '../../billing/caps-store';
import { statementsOf } from '../../billing/fund-store';
import { familyBalances } from '../../billing/ledger';
import { capKindFor, capKinds } from '../../billing/rules';
import { listFeeStandards } from '../../billing/service/fees';
import { listDistrictSchools, settingsOfSchools } from '../../programme/district-store';
import type { FeeBasis, OfferingKind, SessionKind } from '../../programme/kinds';
import { fivePlusTwo, localDate } from '../../programme/rules';
import { parseSettings, type SchoolSettings } from '../../programme/settings';
import { listSessions, type SessionRecord } from '../../programme/store';
import type { DistrictDashboard, SchoolDashboard, SchoolRow } from '../dashboard-contract';
import {
  arrearsOf,
  incidentFigure,
  type RatedSessionDay,
  ratePercent,
  rateSessionDay,
  ratioFigure,
  termAt,
  worstSessionDays,
} from '../dashboard-rules';
import * as snap from '../dashboard-snapshot-store';
import * as store from '../dashboard-store';
import { buildTerms } from './dashboard-refresh';

/**
 * A district-wide grant only. A school's own staff of the same district know the district exists,
 * so they are refused (403); anyone else is told it does not exist (404), as the caps page does.
 */
function districtAccess(actor: Actor, districtId: string) {
  try {
    authorize(actor, 'district.dashboard', { id: '', districtId });
  } catch (err) {
    const inDistrict = actor.grants.some((g) => g.districtId === districtId);
    if (err instanceof AppError && err.code === 'NOT_FOUND' && inDistrict) throw new AppError('FORBIDDEN');
    throw err;
  }
}

interface Snapshot {
  statement: { income: { totalFen: number }; expenses: { totalFen: number }; closingFen: number };
}

type StatementRow = Awaited<ReturnType<typeof statementsOf>>[number];

const statementView = (r: StatementRow) => {
  const snap = JSON.parse(r.content) as Snapshot;
  return {
    id: r.id,
    termName: r.term_name,
    period: r.period,
    version: Number(r.version),
    publishedAt: r.published_at,
    incomeFen: snap.statement.income.totalFen,
    expensesFen: snap.statement.expenses.totalFen,
    closingFen: snap.statement.closingFen,
  };
};

/** The newest version of each (term, period), newest published first. */
function latestVersions(rows: StatementRow[]): StatementRow[] {
  const seen = new Set<string>();
  return [...rows]
    .sort((a, b) => b.published_at.localeCompare(a.published_at) || Number(b.version) - Number(a.version))
    .filter((r) => {
      const key = `${r.term_id}:${r.period}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

const termView = (t: store.TermRow) => ({ id: t.id, name: t.name, startsOn: t.startsOn, endsOn: t.endsOn });

interface Loaded {
  date: string;
  schools: Awaited<ReturnType<typeof listDistrictSchools>>;
  settings: Map<string, SchoolSettings>;
  termOf: Map<string, store.TermRow>;
  termIds: string[];
  sessions: SessionRecord[];
  days: Map<string, RatedSessionDay[]>;
  /** The kept figures of the terms (every one of them built by now); empty for `live`. */
  built: Awaited<ReturnType<typeof snap.builtTerms>>;
}

/**
 * Schools, their settings and running terms, their sessions and rated session-days. `kept` reads
 * the session-days the refresh keeps (building a term's the first time it is shown); `live`
 * aggregates the source rows (one school's drill-down).
 */
async function load(
  ctx: AppContext,
  districtId: string,
  schoolFilter: string | null,
  date: string | undefined,
  source: 'kept' | 'live',
): Promise<Loaded> {
  const all = await listDistrictSchools(ctx.db, districtId);
  const schools = schoolFilter ? all.filter((s) => s.id === schoolFilter) : all;
  const ids = schools.map((s) => s.id);
  const json = await settingsOfSchools(ctx.db, ids);
  const settings = new Map(ids.map((id) => [id, parseSettings(json.get(id))]));
  const zone = settings.get(ids[0] ?? '')?.timezone ?? 'Asia/Shanghai';
  const day = date ?? localDate(ctx.now().toISOString(), zone);
  const started = await store.startedTerms(ctx.db, ids, day);
  const termOf = new Map<string, store.TermRow>();
  for (const id of ids) {
    const t = termAt(
      started.filter((x) => x.schoolId === id),
      day,
    );
    if (t) termOf.set(id, t);
  }
  const termIds = [...termOf.values()].map((t) => t.id);
  let kept: snap.SessionDayRow[];
  let built: Loaded['built'] = [];
  if (source === 'kept') {
    built = await snap.builtTerms(ctx.db, termIds);
    const have = new Set(built.map((b) => b.termId));
    const missing = [...termOf.values()]
      .filter((t) => !have.has(t.id))
      .map((t) => ({ schoolId: t.schoolId, termId: t.id }));
    await buildTerms(ctx, missing);
    if (missing.length) built = await snap.builtTerms(ctx.db, termIds);
    kept = await snap.sessionDaysOf(ctx.db, termIds, day);
  } else {
    const scope = { by: 'term' as const, ids: termIds };
    const [present, staff] = await Promise.all([
      store.presentBySessionDay(ctx.db, scope),
      store.staffBySessionDay(ctx.db, scope),
    ]);
    const staffAt = new Map(staff.map((s) => [`${s.sessionId}:${s.date}`, s.staff]));
    kept = present
      .filter((p) => p.date <= day)
      .map((p) => ({
        ...p,
        studentsPresent: p.present,
        staffPresent: staffAt.get(`${p.sessionId}:${p.date}`) ?? 0,
        hasRoll: true,
      }));
  }
  const sessions = await listSessions(ctx.db, termIds);
  const days = new Map<string, RatedSessionDay[]>();
  // A session-day is one with a roll call (the live days are built from roll calls, the kept ones
  // filtered on `has_roll`): the children present decide the staff needed. Staff checked in on a
  // day without a roll call do not make a (trivially met) session-day; a roll call of nobody with
  // nobody on duty is skipped in both paths alike.
  for (const k of kept) {
    if (!k.hasRoll || (k.studentsPresent === 0 && k.staffPresent === 0)) continue;
    const rated = rateSessionDay(k, settings.get(k.schoolId)!.staffRatio);
    const list = days.get(k.schoolId) ?? [];
    list.push(rated);
    days.set(k.schoolId, list);
  }
  return { date: day, schools, settings, termOf, termIds, sessions, days, built };
}

function fivePlusTwoOf(l: Loaded, schoolId: string) {
  const term = l.termOf.get(schoolId);
  if (!term) return null;
  const s = l.settings.get(schoolId)!;
  const report = fivePlusTwo(
    l.sessions.filter((x) => x.termId === term.id),
    s,
  );
  return { ...report, settings: { minDailyMinutes: s.minDailyMinutes, offWorkTime: s.offWorkTime } };
}

function sumParticipation(rows: { students: number; enrolled: number }[]) {
  const students = rows.reduce((a, r) => a + r.students, 0);
  const enrolled = rows.reduce((a, r) => a + r.enrolled, 0);
  return { students, enrolled, rate: ratePercent(enrolled, students) };
}

export async function getDistrictDashboard(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  date?: string,
): Promise<DistrictDashboard> {
  districtAccess(actor, districtId);
  const l = await load(ctx, districtId, null, date, 'kept');
  const ids = l.schools.map((s) => s.id);
  const [fees, incidents, statements, caps, asOf] = await Promise.all([
    store.feesOfTerms(ctx.db, l.termIds),
    store.incidentCounts(ctx.db, l.termIds),
    statementsOf(ctx.db, ids),
    capsOf(ctx.db, districtId),
    snap.watermark(ctx.db),
  ]);
  const figuresOf = new Map(l.built.map((b) => [b.schoolId, b.figures]));
  const latest = latestVersions(statements);
  const rows: SchoolRow[] = l.schools.map((s) => {
    const term = l.termOf.get(s.id) ?? null;
    const own = <T extends { schoolId: string }>(list: T[]) => list.filter((x) => x.schoolId === s.id);
    const feeRows = own(fees);
    const overCap = feeRows.filter(
      (o) =>
        o.feeFen >
        caps[
          capKindFor({
            kind: o.kind as OfferingKind,
            feeBasis: o.feeBasis as FeeBasis,
            sessionKind: o.sessionKind as SessionKind,
          })
        ].maxFen,
    ).length;
    const five = fivePlusTwoOf(l, s.id);
    const statement = latest.find((r) => r.school_id === s.id);
    return {
      schoolId: s.id,
      schoolCode: s.code,
      schoolName: s.name,
      term: term ? termView(term) : null,
      participation: sumParticipation(figuresOf.get(s.id)?.participation ?? []),
      fivePlusTwo: five ? { compliant: five.compliant, reasons: five.reasons } : null,
      staffRatio: term
        ? { ratio: l.settings.get(s.id)!.staffRatio, ...ratioFigure(l.days.get(s.id) ?? []) }
        : null,
      fees: term ? { standards: feeRows.length, overCap } : null,
      arrears: term ? sumArrears(figuresOf.get(s.id)?.arrears ?? []) : null,
      incidents: term ? incidentFigure(own(incidents)) : null,
      statement: statement ? statementView(statement) : null,
    };
  });
  const sessionDays = rows.reduce((a, r) => a + (r.staffRatio?.sessionDays ?? 0), 0);
  const metDays = rows.reduce((a, r) => a + (r.staffRatio?.metDays ?? 0), 0);
  return {
    districtId,
    date: l.date,
    asOf,
    schools: rows,
    totals: {
      schools: rows.length,
      participation: sumParticipation(rows.map((r) => r.participation)),
      fivePlusTwoCompliant: rows.filter((r) => r.fivePlusTwo?.compliant).length,
      staffRatio: { sessionDays, metDays, rate: ratePercent(metDays, sessionDays) },
      feesOverCap: rows.reduce((a, r) => a + (r.fees?.overCap ?? 0), 0),
      arrears: sumArrears(rows.flatMap((r) => (r.arrears ? [r.arrears] : []))),
      incidents: {
        total: rows.reduce((a, r) => a + (r.incidents?.total ?? 0), 0),
        open: rows.reduce((a, r) => a + (r.incidents?.open ?? 0), 0),
      },
    },
    caps: capKinds.map((k) => caps[k]),
  };
}

function sumArrears(rows: { families: number; totalFen: number }[]) {
  return {
    families: rows.reduce((a, r) => a + r.families, 0),
    totalFen: rows.reduce((a, r) => a + r.totalFen, 0),
  };
}

/** The drill-down of one school: per grade, per session, per kind, with the worst session-days. */
export async function getSchoolDashboard(
  ctx: AppContext,
  actor: Actor,
  districtId: string,
  schoolId: string,
  date?: string,
): Promise<SchoolDashboard> {
  districtAccess(actor, districtId);
  const l = await load(ctx, districtId, schoolId, date, 'live');
  const school = l.schools[0];
  if (!school) throw new AppError('NOT_FOUND');
  const term = l.termOf.get(school.id) ?? null;
  const [grades, incidents, statements, caps] = await Promise.all([
    store.participationByGrade(ctx.db, l.termIds),
    store.incidentCounts(ctx.db, l.termIds),
    statementsOf(ctx.db, [school.id], term?.id),
    capsOf(ctx.db, districtId),
  ]);
  const ratio = l.settings.get(school.id)!.staffRatio;
  const days = l.days.get(school.id) ?? [];
  const sessionName = new Map(l.sessions.map((s) => [s.id, s.name]));
  const bySession = l.sessions.map((s) => ({
    sessionId: s.id,
    sessionName: s.name,
    ...ratioFigure(days.filter((d) => d.sessionId === s.id)),
  }));
  let arrears = {
    families: 0,
    totalFen: 0,
    byGrade: [] as { grade: number; families: number; totalFen: number }[],
  };
  let fees: SchoolDashboard['fees'] = {
    standards: 0,
    overCap: 0,
    items: [],
    caps: capKinds.map((k) => caps[k]),
  };
  if (term) {
    // The school's own lists, read by billing's code: what the school's finance sees.
    const [balances, gradeRows, standards] = await Promise.all([
      familyBalances(ctx.db, school.id, term.id, 'service'),
      store.arrearsByGrade(ctx.db, [term.id]),
      listFeeStandards(ctx, actor, school.id, term.id),
    ]);
    const priced = standards.items.filter((i) => i.withinCap !== null);
    fees = {
      standards: priced.length,
      overCap: priced.filter((i) => i.withinCap === false).length,
      items: standards.items,
      caps: standards.caps,
    };
    arrears = {
      ...arrearsOf(balances.values()),
      byGrade: gradeRows.map(({ schoolId: _, termId: __, ...g }) => g),
    };
  }
  return {
    districtId,
    date: l.date,
    school: { id: school.id, code: school.code, name: school.name },
    term: term ? termView(term) : null,
    participation: {
      ...sumParticipation(grades),
      byGrade: grades.map((g) => ({
        grade: g.grade,
        students: g.students,
        enrolled: g.enrolled,
        rate: ratePercent(g.enrolled, g.students),
      })),
    },
    fivePlusTwo: fivePlusTwoOf(l, school.id),
    staffRatio: {
      ratio,
      ...ratioFigure(days),
      bySession,
      worst: worstSessionDays(days, 20).map((d) => ({
        ...d,
        sessionName: sessionName.get(d.sessionId) ?? '',
      })),
    },
    fees,
    arrears,
    incidents: incidentFigure(incidents),
    statements: latestVersions(statements).map(statementView),
  };
}
