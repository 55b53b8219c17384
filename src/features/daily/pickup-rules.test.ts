// Unit tests of the pickup rules (DAY-4, DAY-5, DAY-9, DAY-10).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boardCounts,
  codesEqual,
  combineLocks,
  initialReleaseStatus,
  latePickupDue,
  lockState,
  maskIdNumber,
  matchCode,
  onSiteRefusal,
  parsePickupQr,
  permitState,
  pickupCodePattern,
  pickupQrPayload,
  releaseTransition,
  weekdaysOf,
} from './pickup-rules';

const adultId = '0190f3a2-1111-7000-8000-000000000001';
const limits = { maxFailures: 5, lockMinutes: 15 };
const now = new Date('2026-09-01T08:00:00.000Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

describe('pickup codes (rule DAY-4)', () => {
  it('are exactly six digits', () => {
    for (const ok of ['000000', '123456', '999999']) expect(pickupCodePattern.test(ok)).toBe(true);
    for (const bad of ['12345', '1234567', '12a456', ' 123456', ''])
      expect(pickupCodePattern.test(bad)).toBe(false);
  });

  it('round-trip through the QR payload; anything else is not a code', () => {
    expect(parsePickupQr(pickupQrPayload(adultId, '012345'))).toEqual({ adultId, code: '012345' });
    expect(parsePickupQr(`KH1:${adultId}:12345`)).toBeNull();
    expect(parsePickupQr(`KH2:${adultId}:123456`)).toBeNull();
    expect(parsePickupQr('123456')).toBeNull();
  });

  it('compare equal only when identical', () => {
    expect(codesEqual('123456', '123456')).toBe(true);
    expect(codesEqual('123457', '123456')).toBe(false);
    expect(codesEqual('12345', '123456')).toBe(false);
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{6}$/),
        fc.stringMatching(/^\d{6}$/),
        (a, b) => codesEqual(a, b) === (a === b),
      ),
    );
  });

  it('match the adult whose code it is; a revoked adult is named but never matches', () => {
    const adults = [
      { id: 'a', name: '外婆', revokedAt: null, code: '111111' },
      { id: 'b', name: '舅舅', revokedAt: '2026-08-30T00:00:00Z', code: '222222' },
      { id: 'c', name: '没有码', revokedAt: null, code: null },
    ];
    expect(matchCode(adults, '111111')).toEqual({ kind: 'match', adult: adults[0] });
    expect(matchCode(adults, '222222')).toEqual({ kind: 'revoked', adult: adults[1] });
    expect(matchCode(adults, '333333')).toEqual({ kind: 'wrong' });
    // A scanned QR names its adult: another adult's code does not count.
    expect(matchCode(adults, '111111', 'b')).toEqual({ kind: 'wrong' });
  });
});

describe('the wrong-code lock (rule DAY-4)', () => {
  it('locks at the limit inside the window, until the limiting failure leaves it', () => {
    expect(lockState([ago(1), ago(2), ago(3), ago(4)], null, now, limits)).toEqual({
      locked: false,
      until: null,
      remaining: 1,
    });
    const locked = lockState([ago(1), ago(2), ago(3), ago(4), ago(5)], null, now, limits);
    expect(locked).toEqual({
      locked: true,
      until: new Date(Date.parse(ago(5)) + 15 * 60_000).toISOString(),
      remaining: 0,
    });
    // Failures older than the window do not count.
    expect(lockState([ago(1), ago(2), ago(3), ago(4), ago(16)], null, now, limits).locked).toBe(false);
    // An unlock forgets the failures before it.
    expect(lockState([ago(1), ago(2), ago(3), ago(4), ago(5)], ago(3.5), now, limits)).toMatchObject({
      locked: false,
      remaining: 2,
    });
  });

  it('never locks below the limit and always locks at it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 * 60 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 8 }),
        (seconds, max) => {
          const failures = seconds.map((s) => new Date(now.getTime() - s * 1000).toISOString());
          const inWindow = seconds.filter((s) => s * 1000 < 15 * 60_000).length;
          const state = lockState(failures, null, now, { maxFailures: max, lockMinutes: 15 });
          expect(state.locked).toBe(inWindow >= max);
          if (state.locked) expect(Date.parse(state.until!)).toBeGreaterThan(now.getTime());
          else expect(state.remaining).toBe(max - inWindow);
        },
      ),
    );
  });

  it('a lock on either the child or the teacher locks', () => {
    const open = { locked: false, until: null, remaining: 3 };
    const shut = { locked: true, until: ago(-5), remaining: 0 };
    expect(combineLocks(open, shut)).toBe(shut);
    expect(combineLocks(shut, open)).toBe(shut);
    expect(combineLocks(open, { ...open, remaining: 1 }).remaining).toBe(1);
  });
});

describe('the release (rule DAY-4)', () => {
  it('waits for confirmation unless the child walked home, and confirms once', () => {
    expect(initialReleaseStatus('code')).toBe('awaiting_confirmation');
    expect(initialReleaseStatus('id_check')).toBe('awaiting_confirmation');
    expect(initialReleaseStatus('walk_home')).toBe('walked_home');
    expect(releaseTransition('awaiting_confirmation', 'confirm')).toBe('confirmed');
    expect(() => releaseTransition('confirmed', 'confirm')).toThrow();
    expect(() => releaseTransition('walked_home', 'confirm')).toThrow();
  });

  it('releases only a child on site per the roll in force', () => {
    expect(onSiteRefusal('present', true)).toBeNull();
    expect(onSiteRefusal('late', true)).toBeNull();
    expect(onSiteRefusal('leave', true)).toBe('not_on_site');
    expect(onSiteRefusal('absent', true)).toBe('not_on_site');
    expect(onSiteRefusal(undefined, true)).toBe('not_on_site');
    expect(onSiteRefusal(undefined, false)).toBe('no_roll');
  });
});

describe('walk-home permits (rule DAY-5)', () => {
  const term = { startsOn: '2026-09-01', endsOn: '2027-01-15' };
  const permit = { revokedAt: null, weekdays: [2, 4] };
  it('is valid in its term on its weekdays, unrevoked', () => {
    expect(permitState(permit, term, '2026-09-01', 2)).toBe('valid');
    expect(permitState(permit, term, '2026-09-02', 3)).toBe('not_today');
    expect(permitState(permit, term, '2026-09-05', null)).toBe('not_today');
    expect(permitState(permit, term, '2027-01-16', 2)).toBe('expired');
    expect(permitState(permit, term, '2026-08-31', 1)).toBe('not_started');
    expect(permitState({ ...permit, revokedAt: '2026-09-01T01:00:00Z' }, term, '2026-09-01', 2)).toBe(
      'revoked',
    );
    expect(weekdaysOf('1,3,,9,5')).toEqual([1, 3, 5]);
  });
});

describe('the duty board (rule DAY-10)', () => {
  it('counts members by the roll and by releases; still on site is present or late and not released', () => {
    const marks = new Map([
      ['a', 'present'],
      ['b', 'late'],
      ['c', 'leave'],
      ['d', 'absent'],
      ['e', 'present'],
      ['f', 'present'],
    ] as const);
    const releases = new Map([
      ['a', 'confirmed'],
      ['e', 'awaiting_confirmation'],
      ['f', 'walked_home'],
    ] as const);
    expect(boardCounts(['a', 'b', 'c', 'd', 'e', 'f', 'g'], marks, releases)).toEqual({
      enrolled: 7,
      onSite: 4,
      leave: 1,
      absent: 1,
      releasedConfirmed: 1,
      releasedAwaiting: 1,
      walkedHome: 1,
      stillOnSite: ['b'],
      rollTaken: true,
    });
    expect(boardCounts(['a', 'b'], null, new Map())).toMatchObject({
      enrolled: 2,
      onSite: 0,
      stillOnSite: [],
      rollTaken: false,
    });
  });

  it('never loses or double-counts a child (property)', () => {
    const mark = fc.constantFrom('present', 'late', 'absent', 'leave', undefined);
    const release = fc.constantFrom('confirmed', 'awaiting_confirmation', 'walked_home', undefined);
    fc.assert(
      fc.property(fc.array(fc.tuple(mark, release), { maxLength: 60 }), fc.boolean(), (children, taken) => {
        const ids = children.map((_, i) => `s${i}`);
        const marks = new Map(children.flatMap(([m], i) => (m ? [[ids[i]!, m] as const] : [])));
        const releases = new Map(children.flatMap(([, r], i) => (r ? [[ids[i]!, r] as const] : [])));
        const c = boardCounts(ids, taken ? marks : null, releases);
        expect(c.onSite + c.leave + c.absent).toBeLessThanOrEqual(c.enrolled);
        expect(c.stillOnSite.length).toBeLessThanOrEqual(c.onSite);
        expect(c.releasedConfirmed + c.releasedAwaiting + c.walkedHome).toBe(releases.size);
        for (const id of c.stillOnSite) expect(releases.has(id)).toBe(false);
        if (!taken) expect(c.onSite).toBe(0);
      }),
    );
  });

  it('a child is late after the end plus the grace', () => {
    expect(latePickupDue('17:30', 15, '17:44')).toBe(false);
    expect(latePickupDue('17:30', 15, '17:45')).toBe(true);
    expect(latePickupDue('17:30', 0, '17:30')).toBe(true);
  });
});

describe('the gate (rule DAY-9, SAFE-2)', () => {
  it('masks an ID number to its first and last four', () => {
    expect(maskIdNumber('310101199001011234')).toBe('3101**********1234');
    expect(maskIdNumber('31010119800101567X')).toBe('3101**********567X');
    expect(maskIdNumber('12345678')).toBe('********');
  });
});
