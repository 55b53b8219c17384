// State machines of the duty roster (STAFF-5): a roster version's life, and a swap of one duty to a
// colleague (换班). A status changes only through these functions; pure, no clock.
import { AppError } from '../../server/errors';

export const rosterStatuses = ['draft', 'published', 'superseded'] as const;
export type RosterStatus = (typeof rosterStatuses)[number];
export type RosterEvent = 'publish' | 'supersede';

/** A draft is published once; publishing a newer version supersedes the one in force. */
export const rosterTransitions: Record<RosterStatus, Partial<Record<RosterEvent, RosterStatus>>> = {
  draft: { publish: 'published' },
  published: { supersede: 'superseded' },
  superseded: {},
};

export function rosterTransition(from: RosterStatus, event: RosterEvent): RosterStatus {
  const to = rosterTransitions[from][event];
  if (!to) throw new AppError('INVALID_TRANSITION', { from, event });
  return to;
}

export const swapStatuses = ['requested', 'accepted', 'approved', 'rejected', 'cancelled'] as const;
export type SwapStatus = (typeof swapStatuses)[number];

/**
 * - `accept` / `decline`: the colleague who would take the duty answers (declining ends it as
 *   rejected). We make the colleague's acceptance required: the school should not hand a teacher a
 *   duty they never agreed to.
 * - `approve` / `reject`: the school decides an accepted swap; only approval moves the duty.
 * - `cancel`: the teacher who asked withdraws it before the school decides.
 */
export const swapEvents = ['accept', 'decline', 'approve', 'reject', 'cancel'] as const;
export type SwapEvent = (typeof swapEvents)[number];

export const swapTransitions: Record<SwapStatus, Partial<Record<SwapEvent, SwapStatus>>> = {
  requested: { accept: 'accepted', decline: 'rejected', reject: 'rejected', cancel: 'cancelled' },
  accepted: { approve: 'approved', reject: 'rejected', cancel: 'cancelled' },
  approved: {},
  rejected: {},
  cancelled: {},
};

export function swapTransition(from: SwapStatus, event: SwapEvent): SwapStatus {
  const to = swapTransitions[from][event];
  if (!to) throw new AppError('INVALID_TRANSITION', { from, event });
  return to;
}

/** Open swaps block a second request for the same duty. */
export function swapIsOpen(status: SwapStatus): boolean {
  return status === 'requested' || status === 'accepted';
}

/** Which party may fire each event: the asker, the colleague, or the school. */
export function swapActor(event: SwapEvent): 'from' | 'to' | 'school' {
  if (event === 'cancel') return 'from';
  if (event === 'accept' || event === 'decline') return 'to';
  return 'school';
}
