// The one way a use case moves applications along ENR-2's state machine: check each with
// `transition`, write the new statuses, move their lines where the event says so, and audit every
// step with before/after status and the reason (SAFE-1). The status timeline parents see is read
// back from these audit rows, so every mover should come through here.

import type { SchoolAccess } from '../../../server/auth/access';
import { auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, Executor, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { moveLines } from '../draw-store';
import {
  type ApplicationEvent,
  type ApplicationStatus,
  canTransition,
  type LineEvent,
  type LineStatus,
  lineTransitions,
  transition,
} from '../rules';
import type { ApplicationRecord } from '../store';
import * as store from '../store';

export interface MoveOptions {
  reason?: string | null | undefined;
  /** Also move every line of a moved application that allows this event (e.g. withdraw, accept). */
  lineEvent?: LineEvent;
  /** Only lines in these statuses take `lineEvent` (e.g. sign accepts only `offered` lines). */
  lineFilter?: (line: store.LineRecord) => boolean;
  /** Extra columns written with the status (review note, submitted_at). */
  extra?: { review_note?: string | null; submitted_at?: string };
}

export interface MoveResult {
  moved: ApplicationRecord[];
  /** Applications the event does not apply to, with the status they are in. */
  refused: { application: ApplicationRecord; from: ApplicationStatus }[];
}

export async function moveApplications(
  trx: Executor,
  ctx: AppContext,
  who: { actor: Actor | null; meta: RequestMeta; school: SchoolAccess['school'] },
  applications: ApplicationRecord[],
  event: ApplicationEvent,
  options: MoveOptions = {},
): Promise<MoveResult> {
  const at = ctx.now().toISOString();
  const refused: MoveResult['refused'] = [];
  const byTarget = new Map<ApplicationStatus, ApplicationRecord[]>();
  for (const application of applications) {
    if (!canTransition(application.status, event)) {
      refused.push({ application, from: application.status });
      continue;
    }
    const to = transition(application.status, event);
    byTarget.set(to, [...(byTarget.get(to) ?? []), application]);
  }
  const moved: ApplicationRecord[] = [];
  const audit = auditor(ctx, who.actor, who.meta, who.school);
  const lineMoves = new Map<string, { id: string; offeringId: string; from: LineStatus; to: LineStatus }[]>();
  if (options.lineEvent) {
    const lineEvent = options.lineEvent;
    const ids = [...byTarget.values()].flat().map((a) => a.id);
    const lines = await store.linesOf(trx, ids);
    // Keyed by "from>to": each batch moves only lines still in the status they were read in.
    const byStep = new Map<string, string[]>();
    for (const line of lines) {
      const to = lineTransitions[line.status][lineEvent];
      if (!to || (options.lineFilter && !options.lineFilter(line))) continue;
      const step = `${line.status}>${to}`;
      byStep.set(step, [...(byStep.get(step) ?? []), line.id]);
      const list = lineMoves.get(line.applicationId) ?? [];
      list.push({ id: line.id, offeringId: line.offeringId, from: line.status, to });
      lineMoves.set(line.applicationId, list);
    }
    for (const [step, lineIds] of byStep) {
      const [from, to] = step.split('>') as [LineStatus, LineStatus];
      // A line moved under us (declined, lapsed, re-offered): refuse rather than overwrite it, so a
      // place is never held twice (409: reload and try again).
      if ((await moveLines(trx, ctx.dialect, lineIds, from, to, at)) !== lineIds.length)
        throw new AppError('CONFLICT');
    }
  }
  const entries = [];
  for (const [to, list] of byTarget) {
    await store.setApplicationsStatus(
      trx,
      list.map((a) => a.id),
      to,
      at,
      options.extra,
    );
    for (const application of list) {
      const lines = lineMoves.get(application.id);
      entries.push(
        audit(
          `application.${event}`,
          'application',
          application.id,
          { status: application.status },
          {
            status: to,
            ...(options.reason ? { reason: options.reason } : {}),
            ...(lines?.length
              ? { lines: lines.map((l) => ({ offeringId: l.offeringId, status: l.to })) }
              : {}),
          },
        ),
      );
      moved.push({ ...application, status: to, updatedAt: at, ...mapExtra(options.extra) });
    }
  }
  await writeAudit(trx, entries);
  return { moved, refused };
}

function mapExtra(extra: MoveOptions['extra']): Partial<ApplicationRecord> {
  if (!extra) return {};
  return {
    ...(extra.review_note !== undefined ? { reviewNote: extra.review_note } : {}),
    ...(extra.submitted_at !== undefined ? { submittedAt: extra.submitted_at } : {}),
  };
}
