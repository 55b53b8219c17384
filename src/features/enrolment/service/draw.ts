// Use cases of the draw (抽签, rule ENR-4): the school fixes a secret seed before the window closes
// and publishes its SHA-256; after the window closes and every application is decided, the draw
// runs once, in one transaction, and the seed is revealed with the public list so anyone can re-run
// it. There is no first-come element: when a family applied plays no part.
import { createHash, randomBytes } from 'node:crypto';
import type { DialectName } from '../../../db/dialect';
import { accessSchool, auditor } from '../../../server/auth/access';
import { type Actor, can } from '../../../server/auth/policies';
import type { AppContext, Executor, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type AuditEntry, writeAudit } from '../../audit/store';
import { notification } from '../../notify/messages';
import { type NewNotification, notify } from '../../notify/store';
import { findSchool } from '../../people/store';
import { loadSettings } from '../../programme/settings';
import { allocate, type DrawCandidate, type LineOutcome, type PublicDrawList } from '../allocation';
import type { DrawSummary, DrawView } from '../draw-contract';
import * as store from '../draw-store';
import { lineTransition, transition } from '../rules';

type Audit = ReturnType<typeof auditor>;

/** An instant in the school's time zone, as families read it: "2026-09-08 18:00". */
export function localTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

function view(
  term: store.TermRow,
  options: { admin: boolean; now: string; readiness?: { undecided: number; approved: number } },
): DrawView {
  const closed = Date.parse(options.now) >= Date.parse(term.window_closes_at);
  const revealed = term.seed_revealed_at !== null;
  return {
    termId: term.id,
    termName: term.name,
    windowClosesAt: term.window_closes_at,
    status: term.drawn_at ? 'drawn' : term.seed_committed_at ? 'committed' : 'not_committed',
    seedCommittedAt: term.seed_committed_at,
    seedHash: options.admin || closed ? term.seed_hash : null,
    drawnAt: term.drawn_at,
    seedRevealedAt: term.seed_revealed_at,
    seed: revealed ? term.seed : null,
    list: revealed && term.draw_result ? (JSON.parse(term.draw_result) as PublicDrawList) : null,
    ...(options.readiness ? { readiness: options.readiness } : {}),
  };
}

/** ENR-4: anyone at the school sees the commitment once the window closes, and the draw after. */
export async function getDraw(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<DrawView> {
  const access = await accessSchool(ctx.db, actor, schoolId, 'list.read');
  const term = await store.findTerm(ctx.db, ctx.dialect, access.school.id, termId);
  if (!term) throw new AppError('NOT_FOUND');
  const admin = can(actor, 'draw.run', access.school);
  const readiness = admin && !term.drawn_at ? await store.readiness(ctx.db, term.id) : undefined;
  return view(term, { admin, now: ctx.now().toISOString(), ...(readiness ? { readiness } : {}) });
}

async function commitIn(trx: Executor, term: store.TermRow, audit: Audit, at: string) {
  const { timezone } = await loadSettings(trx, term.school_id);
  if (term.seed_committed_at) {
    throw new AppError('DRAW_SEED_ALREADY_COMMITTED', {
      committedAt: localTime(term.seed_committed_at, timezone),
      seedHash: term.seed_hash ?? '',
    });
  }
  // Fixed while applications may still arrive, so nobody can choose a seed that suits the applicants.
  if (Date.parse(at) >= Date.parse(term.window_closes_at)) {
    throw new AppError('DRAW_SEED_TOO_LATE', { closesAt: localTime(term.window_closes_at, timezone) });
  }
  const seed = randomBytes(32);
  const seedHex = seed.toString('hex');
  const seedHash = createHash('sha256').update(seed).digest('hex');
  if (!(await store.commitSeed(trx, term.id, seedHex, seedHash, at))) throw new AppError('CONFLICT');
  await writeAudit(trx, audit('draw.commitSeed', 'term', term.id, null, { seedHash }));
  return { ...term, seed: seedHex, seed_hash: seedHash, seed_committed_at: at, updated_at: at };
}

/** The school commits to a secret random seed; its SHA-256 is the public commitment. */
export async function commitDrawSeed(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
): Promise<DrawView> {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await accessSchool(trx, actor, schoolId, 'draw.run');
    const term = await store.findTerm(trx, ctx.dialect, access.school.id, termId, true);
    if (!term) throw new AppError('NOT_FOUND');
    const at = ctx.now().toISOString();
    const committed = await commitIn(trx, term, auditor(ctx, actor, meta, access.school), at);
    return view(committed, { admin: true, now: at });
  });
}

/** Runs the draw of a term: the school admin's use case. */
export async function runDraw(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
): Promise<DrawView & { summary: DrawSummary }> {
  return ctx.db.transaction().execute(async (trx) => {
    const access = await accessSchool(trx, actor, schoolId, 'draw.run');
    const term = await store.findTerm(trx, ctx.dialect, access.school.id, termId, true);
    if (!term) throw new AppError('NOT_FOUND');
    const at = ctx.now().toISOString();
    const { term: drawn, summary } = await drawIn(
      trx,
      ctx.dialect,
      term,
      auditor(ctx, actor, meta, access.school),
      at,
    );
    return { ...view(drawn, { admin: true, now: at }), summary };
  });
}

/**
 * The same use cases without HTTP or a signed-in actor (benchmarks, the command line, jobs):
 * recorded in the audit log as done by the system.
 */
export async function commitTermSeed(ctx: AppContext, termId: string): Promise<DrawView> {
  return ctx.db.transaction().execute(async (trx) => {
    const { term, audit } = await systemTerm(trx, ctx, termId);
    const at = ctx.now().toISOString();
    return view(await commitIn(trx, term, audit, at), { admin: true, now: at });
  });
}

export async function drawTerm(ctx: AppContext, termId: string): Promise<DrawSummary> {
  return ctx.db.transaction().execute(async (trx) => {
    const { term, audit } = await systemTerm(trx, ctx, termId);
    return (await drawIn(trx, ctx.dialect, term, audit, ctx.now().toISOString())).summary;
  });
}

async function systemTerm(trx: Executor, ctx: AppContext, termId: string) {
  const found = await trx.selectFrom('terms').select('school_id').where('id', '=', termId).executeTakeFirst();
  const school = found ? await findSchool(trx, found.school_id) : undefined;
  const term = school ? await store.findTerm(trx, ctx.dialect, school.id, termId, true) : undefined;
  if (!school || !term) throw new AppError('NOT_FOUND');
  return { term, audit: auditor(ctx, null, { ip: null, locale: 'zh-CN' }, school) };
}

/** Everything the draw does, inside the caller's transaction, the term row already locked. */
async function drawIn(trx: Executor, dialect: DialectName, term: store.TermRow, audit: Audit, at: string) {
  const settings = await loadSettings(trx, term.school_id);
  const closesAt = localTime(term.window_closes_at, settings.timezone);
  if (term.drawn_at)
    throw new AppError('DRAW_ALREADY_RUN', { drawnAt: localTime(term.drawn_at, settings.timezone) });
  if (Date.parse(at) < Date.parse(term.window_closes_at))
    throw new AppError('DRAW_WINDOW_OPEN', { closesAt });
  if (!term.seed || !term.seed_hash) throw new AppError('DRAW_SEED_NOT_COMMITTED');
  const { undecided } = await store.readiness(trx, term.id);
  if (undecided > 0) throw new AppError('DRAW_UNDECIDED_APPLICATIONS', { count: undecided });

  const inputs = await store.drawInputs(trx, term.id);
  const linesOf = new Map<string, typeof inputs.lines>();
  for (const line of inputs.lines) {
    const list = linesOf.get(line.applicationId) ?? [];
    list.push(line);
    linesOf.set(line.applicationId, list);
  }
  const candidates: DrawCandidate[] = [];
  const extraLines: string[] = [];
  for (const app of inputs.applications) {
    const byGroup = new Map<number, typeof inputs.lines>();
    for (const line of linesOf.get(app.id) ?? []) {
      byGroup.set(line.choiceGroup, [...(byGroup.get(line.choiceGroup) ?? []), line]);
    }
    const groups = [...byGroup].map(([group, lines]) => {
      const [first, second, ...rest] = lines.sort((a, b) => a.choiceRank - b.choiceRank);
      // ENR-3 allows a first and a second choice; anything further is never needed.
      extraLines.push(...rest.map((l) => l.id));
      return { group, first: first!.offeringId, second: second?.offeringId ?? null };
    });
    if (groups.length)
      candidates.push({ ref: app.ref, tier: inputs.priority.has(app.id) ? 1 : 0, grade: app.grade, groups });
  }
  const { outcomes, list } = allocate({
    termId: term.id,
    seed: term.seed,
    lowerGradesFirst: settings.lowerGradesFirst,
    offerings: inputs.offerings,
    candidates,
  });

  const appByRef = new Map(inputs.applications.map((a) => [a.ref, a]));
  const lineId = new Map(inputs.lines.map((l) => [`${l.applicationId}\u0000${l.offeringId}`, l.id]));
  const offeringName = new Map(inputs.offerings.map((o) => [o.id, o.name]));
  const idOf = (o: LineOutcome) => lineId.get(`${appByRef.get(o.ref)!.id}\u0000${o.offeringId}`)!;
  const placed: string[] = [];
  const skipped: string[] = [...extraLines];
  const queued: { id: string; position: number }[] = [];
  const perApp = new Map<string, { placed: string[]; waiting: { offering: string; position: number }[] }>();
  for (const o of outcomes) {
    const app = appByRef.get(o.ref)!;
    const mine = perApp.get(app.id) ?? { placed: [], waiting: [] };
    perApp.set(app.id, mine);
    if (o.outcome === 'place') {
      placed.push(idOf(o));
      mine.placed.push(offeringName.get(o.offeringId)!);
    } else if (o.outcome === 'queue') {
      queued.push({ id: idOf(o), position: o.position });
      mine.waiting.push({ offering: offeringName.get(o.offeringId)!, position: o.position });
    } else {
      skipped.push(idOf(o));
    }
  }
  // Every status goes through the state machine; the batch writes then apply its answers.
  const toPlaced = lineTransition('pending', 'place');
  const toSkipped = lineTransition('pending', 'skip');
  const toQueued = lineTransition('pending', 'queue');
  let changed = await store.moveLines(trx, dialect, placed, 'pending', toPlaced, at);
  changed += await store.moveLines(trx, dialect, skipped, 'pending', toSkipped, at);
  changed += await store.queueLines(trx, dialect, queued, toQueued, at);
  if (changed !== placed.length + skipped.length + queued.length) throw new AppError('CONFLICT');

  const offered: string[] = [];
  const waitlisted: string[] = [];
  for (const [id, mine] of perApp)
    (mine.placed.length ? offered : mine.waiting.length ? waitlisted : []).push(id);
  const toOffered = transition('approved', 'offer');
  const toWaitlisted = transition('approved', 'waitlist');
  const moved =
    (await store.moveApplications(trx, dialect, offered, 'approved', toOffered, at)) +
    (await store.moveApplications(trx, dialect, waitlisted, 'approved', toWaitlisted, at));
  if (moved !== offered.length + waitlisted.length) throw new AppError('CONFLICT');

  const published = JSON.stringify(list);
  if (!(await store.saveDraw(trx, term.id, published, at))) throw new AppError('CONFLICT');
  const summary: DrawSummary = {
    applications: inputs.applications.length,
    offered: offered.length,
    waitlisted: waitlisted.length,
    placedLines: placed.length,
    queuedLines: queued.length,
    skippedLines: skipped.length,
  };

  const entries: AuditEntry[] = [
    audit('draw.run', 'term', term.id, null, { seedHash: term.seed_hash, ...summary }),
  ];
  const notes: NewNotification[] = [];
  for (const app of inputs.applications) {
    const mine = perApp.get(app.id);
    if (!mine || (!mine.placed.length && !mine.waiting.length)) continue;
    const status = mine.placed.length ? toOffered : toWaitlisted;
    entries.push(
      audit(
        `application.${mine.placed.length ? 'offer' : 'waitlist'}`,
        'application',
        app.id,
        { status: 'approved' },
        {
          status,
          placed: mine.placed,
          waiting: mine.waiting,
        },
      ),
    );
    const base = { term: term.name, ref: app.ref, student: app.studentName };
    const first = mine.waiting[0];
    const to = { userId: app.applicantUserId, schoolId: term.school_id };
    const link = `/enrolment/applications/${app.id}`;
    notes.push(
      mine.placed.length
        ? notification(
            'application.offered',
            to,
            { student: base.student, term: base.term, offerings: mine.placed.join('、') },
            link,
          )
        : notification(
            'application.waitlisted',
            to,
            { student: base.student, offering: first!.offering, position: first!.position },
            link,
          ),
    );
  }
  await writeAudit(trx, entries);
  await notify(trx, at, notes);
  const drawn: store.TermRow = {
    ...term,
    draw_result: published,
    drawn_at: at,
    seed_revealed_at: at,
  };
  return { term: drawn, summary };
}
