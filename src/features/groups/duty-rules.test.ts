// rule STAFF-5: the roster version's life and the swap state machine, as tables.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors';
import {
  rosterStatuses,
  rosterTransition,
  swapActor,
  swapEvents,
  swapIsOpen,
  swapStatuses,
  swapTransition,
} from './duty-rules';

const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'other';
  }
  return null;
};

describe('roster versions', () => {
  it('a draft is published once, a published one is superseded, nothing else', () => {
    expect(rosterTransition('draft', 'publish')).toBe('published');
    expect(rosterTransition('published', 'supersede')).toBe('superseded');
    const allowed = new Set(['draft:publish', 'published:supersede']);
    for (const from of rosterStatuses)
      for (const event of ['publish', 'supersede'] as const)
        if (!allowed.has(`${from}:${event}`))
          expect(refused(() => rosterTransition(from, event))).toBe('INVALID_TRANSITION');
  });
});

describe('swaps', () => {
  const table: [string, string, string | null][] = [
    ['requested', 'accept', 'accepted'],
    ['requested', 'decline', 'rejected'],
    ['requested', 'reject', 'rejected'],
    ['requested', 'cancel', 'cancelled'],
    ['requested', 'approve', null], // the colleague must accept first
    ['accepted', 'approve', 'approved'],
    ['accepted', 'reject', 'rejected'],
    ['accepted', 'cancel', 'cancelled'],
    ['accepted', 'accept', null],
    ['accepted', 'decline', null],
  ];
  it.each(table)('%s + %s → %s', (from, event, to) => {
    const run = () => swapTransition(from as never, event as never);
    if (to) expect(run()).toBe(to);
    else expect(refused(run)).toBe('INVALID_TRANSITION');
  });

  it('a decided swap is final', () => {
    for (const from of ['approved', 'rejected', 'cancelled'] as const)
      for (const event of swapEvents)
        expect(refused(() => swapTransition(from, event))).toBe('INVALID_TRANSITION');
  });

  it('open swaps are the undecided ones; each event has its party', () => {
    expect(swapStatuses.filter(swapIsOpen)).toEqual(['requested', 'accepted']);
    expect(swapEvents.map(swapActor)).toEqual(['to', 'to', 'school', 'school', 'from']);
  });
});
