// rule ENR-4: the draw is fair (priority, then grade, then a seeded lottery), reproducible from the
// revealed seed and the public list, never over capacity, and a tampered list fails verification.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  type DrawCandidate,
  type DrawInput,
  describeProblem,
  lotteryNumber,
  type PublicDrawList,
  priorityTier,
  seedHashOf,
  verifyDraw,
} from './allocation';

const seedA = 'a'.repeat(64);
const seedB = `${'0'.repeat(63)}1`;

const hexSeed = fc
  .array(fc.integer({ min: 0, max: 15 }), { minLength: 64, maxLength: 64 })
  .map((d) => d.map((x) => x.toString(16)).join(''));

/** Random terms: up to 5 offerings, up to 40 candidates with one or two choice groups. */
const drawInput: fc.Arbitrary<DrawInput> = fc
  .record({
    capacities: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 5 }),
    seed: hexSeed,
    lowerGradesFirst: fc.boolean(),
    people: fc.array(
      fc.record({
        tier: fc.constantFrom(0 as const, 1 as const),
        grade: fc.integer({ min: 1, max: 6 }),
        picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        seconds: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
      }),
      { maxLength: 40 },
    ),
  })
  .map(({ capacities, seed, lowerGradesFirst, people }) => {
    const offerings = capacities.map((capacity, i) => ({ id: `o${i}`, name: `班${i}`, capacity }));
    const candidates: DrawCandidate[] = people.map((p, i) => {
      // Distinct offerings per candidate (the database's unique (student, offering) pair).
      const ids = [...new Set(p.picks.map((n) => offerings[n % offerings.length]!.id))];
      const groups = [];
      let group = 1;
      while (ids.length) {
        const first = ids.shift()!;
        const second = p.seconds[group - 1] && ids.length ? ids.shift()! : null;
        groups.push({ group, first, second });
        group++;
        if (group > 2) break;
      }
      return { ref: `R${String(i).padStart(3, '0')}`, tier: p.tier, grade: p.grade, groups };
    });
    return { termId: 't1', seed, lowerGradesFirst, offerings, candidates };
  });

function shuffled<T>(list: T[], by: number[]): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = (by[i % by.length] ?? 0) % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('allocate', () => {
  it('orders by priority, then lower grade, then lottery number', () => {
    const offerings = [{ id: 'f', name: '足球社团', capacity: 2 }];
    const candidates: DrawCandidate[] = [
      { ref: 'A', tier: 0, grade: 1, groups: [{ group: 1, first: 'f' }] },
      { ref: 'B', tier: 1, grade: 5, groups: [{ group: 1, first: 'f' }] },
      { ref: 'C', tier: 0, grade: 3, groups: [{ group: 1, first: 'f' }] },
      { ref: 'D', tier: 0, grade: 1, groups: [{ group: 1, first: 'f' }] },
    ];
    const { list, outcomes } = allocate({
      termId: 't',
      seed: seedA,
      lowerGradesFirst: true,
      offerings,
      candidates,
    });
    const [a, d] = [lotteryNumber(seedA, 'A'), lotteryNumber(seedA, 'D')];
    const firstOfGradeOne = a < d ? 'A' : 'D';
    const secondOfGradeOne = a < d ? 'D' : 'A';
    expect(list.offerings[0]!.placed).toEqual(['B', firstOfGradeOne]);
    expect(list.offerings[0]!.waitlist).toEqual([secondOfGradeOne, 'C']);
    expect(outcomes.find((o) => o.ref === 'C')).toMatchObject({ outcome: 'queue', position: 2 });
    // Without lower-grades-first, grade plays no part: the lottery decides among tier 0.
    const flat = allocate({ termId: 't', seed: seedA, lowerGradesFirst: false, offerings, candidates });
    const byLottery = ['A', 'C', 'D'].sort((x, y) =>
      lotteryNumber(seedA, x) < lotteryNumber(seedA, y) ? -1 : 1,
    );
    expect(flat.list.offerings[0]!.placed).toEqual(['B', byLottery[0]]);
    expect(flat.list.offerings[0]!.waitlist).toEqual(byLottery.slice(1));
  });

  it('fills second choices in round 2 and skips the other line', () => {
    const offerings = [
      { id: 'f', name: '足球社团', capacity: 1 },
      { id: 'c', name: '围棋社团', capacity: 1 },
    ];
    const candidates: DrawCandidate[] = [
      { ref: 'P', tier: 1, grade: 2, groups: [{ group: 1, first: 'f', second: 'c' }] },
      { ref: 'Q', tier: 0, grade: 2, groups: [{ group: 1, first: 'f', second: 'c' }] },
      { ref: 'S', tier: 0, grade: 2, groups: [{ group: 1, first: 'f', second: 'c' }] },
    ];
    const { outcomes, list } = allocate({
      termId: 't',
      seed: seedB,
      lowerGradesFirst: true,
      offerings,
      candidates,
    });
    const winner = lotteryNumber(seedB, 'Q') < lotteryNumber(seedB, 'S') ? 'Q' : 'S';
    const loser = winner === 'Q' ? 'S' : 'Q';
    const of = (ref: string, offeringId: string) =>
      outcomes.find((o) => o.ref === ref && o.offeringId === offeringId)!;
    expect(of('P', 'f')).toMatchObject({ outcome: 'place', round: 1 });
    expect(of('P', 'c')).toMatchObject({ outcome: 'skip' });
    expect(of(winner, 'c')).toMatchObject({ outcome: 'place', round: 2 });
    expect(of(winner, 'f')).toMatchObject({ outcome: 'skip' });
    expect(of(loser, 'f')).toMatchObject({ outcome: 'queue', position: 1 });
    expect(of(loser, 'c')).toMatchObject({ outcome: 'skip' });
    expect(list.seedHash).toBe(seedHashOf(seedB));
    expect(list.offerings.map((o) => o.name)).toEqual(['围棋社团', '足球社团']);
    expect(verifyDraw(list)).toMatchObject({ ok: true, problems: [] });
  });

  it('knows the ENR-4 priority categories', () => {
    expect(priorityTier(['left_behind'])).toBe(1);
    expect(priorityTier(['orphan', 'other'])).toBe(1);
    expect(priorityTier([])).toBe(0);
    expect(priorityTier(['something_else'])).toBe(0);
  });

  it('refuses inputs that make no sense', () => {
    const offerings = [{ id: 'f', name: 'F', capacity: 1 }];
    expect(() =>
      allocate({
        termId: 't',
        seed: 'not-a-seed',
        lowerGradesFirst: true,
        offerings,
        candidates: [{ ref: 'A', tier: 0, grade: 1, groups: [{ group: 1, first: 'x' }] }],
      }),
    ).toThrow(/seed.*unknown offering/);
  });
});

describe('allocate: properties', () => {
  it('same seed and inputs, in any order, give the same result', () => {
    fc.assert(
      fc.property(drawInput, fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), (input, by) => {
        const again = {
          ...input,
          offerings: shuffled(input.offerings, by),
          candidates: shuffled(input.candidates, by).map((c) => ({ ...c, groups: shuffled(c.groups, by) })),
        };
        expect(allocate(again)).toEqual(allocate(input));
      }),
    );
  });

  it('never places more than the capacity, and each candidate once per choice group', () => {
    fc.assert(
      fc.property(drawInput, (input) => {
        const { outcomes, list } = allocate(input);
        for (const o of input.offerings) {
          const placed = outcomes.filter((x) => x.offeringId === o.id && x.outcome === 'place');
          expect(placed.length).toBeLessThanOrEqual(o.capacity);
          const queued = outcomes
            .filter((x) => x.offeringId === o.id && x.outcome === 'queue')
            .map((x) => (x.outcome === 'queue' ? x.position : 0))
            .sort((a, b) => a - b);
          expect(queued).toEqual(queued.map((_, i) => i + 1));
        }
        for (const c of input.candidates) {
          for (const g of c.groups) {
            const mine = outcomes.filter((x) => x.ref === c.ref && x.group === g.group);
            expect(mine.length).toBe(g.second ? 2 : 1);
            expect(mine.filter((x) => x.outcome === 'place').length).toBeLessThanOrEqual(1);
            expect(mine.filter((x) => x.outcome === 'queue').length).toBeLessThanOrEqual(1);
            expect(mine.filter((x) => x.outcome !== 'skip').length).toBe(1);
          }
        }
        expect(verifyDraw(list).ok).toBe(true);
      }),
    );
  });

  it('never waitlists a priority candidate where a non-priority one was placed in the same round', () => {
    fc.assert(
      fc.property(drawInput, (input) => {
        const { outcomes } = allocate(input);
        const tier = new Map(input.candidates.map((c) => [c.ref, c.tier]));
        for (const o of input.offerings) {
          const here = outcomes.filter((x) => x.offeringId === o.id);
          const priorityWaiting = here.some((x) => x.outcome === 'queue' && tier.get(x.ref) === 1);
          const ordinaryPlacedRound1 = here.some(
            (x) => x.outcome === 'place' && x.round === 1 && tier.get(x.ref) === 0,
          );
          expect(priorityWaiting && ordinaryPlacedRound1).toBe(false);
          // Round 2: a priority second-choicer left unplaced while an ordinary one got the place.
          const secondLosers = here.filter(
            (x) => x.choice === 2 && x.outcome === 'skip' && tier.get(x.ref) === 1,
          );
          const unplacedPriority = secondLosers.filter(
            (x) => !outcomes.some((y) => y.ref === x.ref && y.group === x.group && y.outcome === 'place'),
          );
          const ordinaryRound2 = here.some(
            (x) => x.outcome === 'place' && x.round === 2 && tier.get(x.ref) === 0,
          );
          expect(unplacedPriority.length > 0 && ordinaryRound2).toBe(false);
        }
      }),
    );
  });

  it('a tampered list fails verification', () => {
    const tamper = fc.constantFrom('swapPlaced', 'moveToPlaced', 'dropWaiting', 'seed', 'seedHash');
    fc.assert(
      fc.property(drawInput, tamper, hexSeed, (input, how, otherSeed) => {
        const { list } = allocate(input);
        const copy: PublicDrawList = structuredClone(list);
        let changed = false;
        const o = copy.offerings.find((x) =>
          how === 'swapPlaced'
            ? x.placed.length >= 2
            : how === 'moveToPlaced' || how === 'dropWaiting'
              ? x.waitlist.length >= 1
              : true,
        );
        if (how === 'swapPlaced' && o) {
          [o.placed[0], o.placed[1]] = [o.placed[1]!, o.placed[0]!];
          changed = true;
        } else if (how === 'moveToPlaced' && o) {
          o.placed.push(o.waitlist.shift()!);
          changed = true;
        } else if (how === 'dropWaiting' && o) {
          o.waitlist.pop();
          changed = true;
        } else if (how === 'seed' && otherSeed !== copy.seed) {
          copy.seed = otherSeed;
          changed = true;
        } else if (how === 'seedHash') {
          copy.seedHash = seedHashOf(otherSeed === copy.seed ? seedA : otherSeed);
          changed = copy.seedHash !== list.seedHash;
        }
        fc.pre(changed);
        const result = verifyDraw(copy);
        expect(result.ok).toBe(false);
        expect(result.problems.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('verifyDraw', () => {
  const offerings = [
    { id: 'f', name: '足球社团', capacity: 1 },
    { id: 'c', name: '围棋社团', capacity: 0 },
  ];
  const candidates: DrawCandidate[] = [
    { ref: 'A', tier: 0, grade: 1, groups: [{ group: 1, first: 'f', second: 'c' }] },
    { ref: 'B', tier: 0, grade: 1, groups: [{ group: 1, first: 'f' }] },
  ];
  const list = allocate({ termId: 't', seed: seedA, lowerGradesFirst: true, offerings, candidates }).list;

  it('says what differs, in both languages', () => {
    const copy = structuredClone(list);
    const football = copy.offerings.find((o) => o.offeringId === 'f')!;
    [football.placed[0], football.waitlist[0]] = [football.waitlist[0]!, football.placed[0]!];
    const result = verifyDraw(copy);
    expect(result.ok).toBe(false);
    expect(result.details.map((d) => d.code)).toEqual(['placed_differs', 'waitlist_differs']);
    expect(result.problems[0]).toContain('"足球社团": placed list position 1');
    expect(describeProblem(result.details[0]!, 'zh-CN')).toContain('“足球社团”的录取名单第 1 位');
  });

  it('rejects a seed that does not match the commitment, and broken choice groups', () => {
    const wrongSeed = verifyDraw({ ...list, seed: seedB });
    expect(wrongSeed.details.map((d) => d.code)).toContain('seed_hash');
    const copy = structuredClone(list);
    copy.offerings[0]!.candidates.find((c) => c.ref === 'A')!.choice = 1;
    expect(verifyDraw(copy).details.map((d) => d.code)).toContain('choice_pairing');
    const tier = structuredClone(list);
    tier.offerings[1]!.candidates.find((c) => c.ref === 'A')!.tier = 1;
    expect(verifyDraw(tier).details.map((d) => d.code)).toContain('candidate_inconsistent');
  });
});
