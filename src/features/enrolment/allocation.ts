// The draw (抽签) of rule ENR-4, as a pure function: who gets the places of each offering when more
// families apply than there are places. No I/O, no clock: the same inputs and seed give the same
// result on any machine, so anyone holding the public list can re-run it (`kehou draw verify`).
//
// Algorithm `kehou-draw-v1`:
// - lottery number of a candidate = HMAC-SHA256(key = the seed's 32 bytes, message = the
//   application's public reference as UTF-8), as lowercase hex; `seedHash` = SHA-256 of the seed's
//   bytes, published when the window closes (the commitment), the seed itself after the draw.
// - order within an offering: priority tier (1 before 0), then grade ascending when the school puts
//   lower grades first, then lottery number ascending (then the reference, which never decides in
//   practice but keeps the order total).
// - round 1: every offering places the first `capacity` of the candidates who chose it first.
// - round 2: the candidates not placed on a first choice fill the remaining places of their second
//   choice, in the same order.
// - a candidate placed on a second choice does not wait for the first (line `skip`); one placed on
//   neither waits on the first choice (second-choice line `skip`), in draw order, positions 1…N.
// There is no first-come element anywhere: when an application arrived plays no part.
//
// Glossary: 抽签 draw · 种子 seed · 候补 waitlist · 第一志愿/第二志愿 first/second choice · 优先 priority.

import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { SensitiveCategory } from '../people/rules';

export const drawAlgorithm = 'kehou-draw-v1';

/** ENR-4: the groups that come first when places are short (all of the sensitive categories). */
export const priorityCategories: readonly SensitiveCategory[] = [
  'migrant_worker_child',
  'single_parent',
  'disabled',
  'left_behind',
  'economic_difficulty',
  'registered_poor',
  'subsistence_allowance',
  'orphan',
];

export type Tier = 0 | 1;

export function priorityTier(categories: readonly string[]): Tier {
  return categories.some((c) => (priorityCategories as readonly string[]).includes(c)) ? 1 : 0;
}

export interface DrawOffering {
  id: string;
  name: string;
  capacity: number;
}

/** One choice group of an application: a first choice and, optionally, a second (ENR-3). */
export interface ChoiceGroup {
  group: number;
  first: string;
  second?: string | null;
}

export interface DrawCandidate {
  /** The application's public reference: the only name the public list uses. */
  ref: string;
  tier: Tier;
  grade: number;
  groups: ChoiceGroup[];
}

export interface DrawInput {
  termId: string;
  seed: string;
  lowerGradesFirst: boolean;
  offerings: DrawOffering[];
  candidates: DrawCandidate[];
}

interface LineKey {
  ref: string;
  group: number;
  offeringId: string;
  choice: 1 | 2;
}
export type LineOutcome =
  | (LineKey & { outcome: 'place'; round: 1 | 2 })
  | (LineKey & { outcome: 'queue'; position: number })
  | (LineKey & { outcome: 'skip' });

export interface PublicCandidate {
  ref: string;
  tier: Tier;
  grade: number;
  choice: 1 | 2;
  /** The choice group, so round 2 can be recomputed (which first choice a second choice backs up). */
  group: number;
}

export interface PublicOffering {
  offeringId: string;
  name: string;
  capacity: number;
  /** Everyone who chose the offering, sorted by reference (the inputs, not the order). */
  candidates: PublicCandidate[];
  /** The references placed, in draw order (round 1, then round 2). */
  placed: string[];
  /** The references waiting, position 1 first. */
  waitlist: string[];
}

/** What the school publishes after the draw: no names, no categories, only references. */
export interface PublicDrawList {
  algorithm: typeof drawAlgorithm;
  termId: string;
  seedHash: string;
  seed: string;
  lowerGradesFirst: boolean;
  offerings: PublicOffering[];
}

export interface DrawResult {
  outcomes: LineOutcome[];
  list: PublicDrawList;
}

const seedPattern = /^[0-9a-f]{64}$/;

export function isSeed(seed: string): boolean {
  return seedPattern.test(seed);
}

export function seedHashOf(seed: string): string {
  return createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex');
}

export function lotteryNumber(seed: string | KeyObject, ref: string): string {
  const key = typeof seed === 'string' ? Buffer.from(seed, 'hex') : seed;
  return createHmac('sha256', key).update(ref, 'utf8').digest('hex');
}

/** Code-unit order: the same on every machine, unlike a locale's collation. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One choice group of one candidate: placed on its first choice, its second, or not yet. */
interface Slot {
  candidate: DrawCandidate;
  group: number;
  /** The draw order as one string: tier, grade, lottery number, reference (fixed widths first). */
  key: string;
  placedOn: 0 | 1 | 2;
}

interface Entry {
  slot: Slot;
  choice: 1 | 2;
}

/** Checks the inputs a draw needs to make sense; returns what is wrong, in plain words. */
export function inputProblems(input: DrawInput): string[] {
  const problems: string[] = [];
  if (!isSeed(input.seed)) problems.push('the seed is not 64 lowercase hex digits');
  const offerings = new Set<string>();
  for (const o of input.offerings) {
    if (offerings.has(o.id)) problems.push(`offering ${o.id} appears twice`);
    offerings.add(o.id);
    if (!Number.isInteger(o.capacity) || o.capacity < 0)
      problems.push(`offering ${o.id} has capacity ${o.capacity}`);
  }
  const refs = new Set<string>();
  for (const c of input.candidates) {
    if (refs.has(c.ref)) problems.push(`candidate ${c.ref} appears twice`);
    refs.add(c.ref);
    if (!Number.isInteger(c.grade) || c.grade < 0 || c.grade > 99)
      problems.push(`candidate ${c.ref} has grade ${c.grade}`);
    const chosen = new Set<string>();
    const groups = new Set<number>();
    for (const g of c.groups) {
      if (groups.has(g.group)) problems.push(`candidate ${c.ref} has choice group ${g.group} twice`);
      groups.add(g.group);
      for (const id of g.second ? [g.first, g.second] : [g.first]) {
        if (!offerings.has(id)) problems.push(`candidate ${c.ref} chose an unknown offering ${id}`);
        if (chosen.has(id)) problems.push(`candidate ${c.ref} chose offering ${id} twice`);
        chosen.add(id);
      }
    }
  }
  return problems;
}

/** Runs the draw. Throws on inputs that `inputProblems` rejects (a caller's bug, not a refusal). */
export function allocate(input: DrawInput): DrawResult {
  const problems = inputProblems(input);
  if (problems.length) throw new Error(`draw inputs: ${problems.join('; ')}`);
  const order = (a: Entry, b: Entry) => byText(a.slot.key, b.slot.key);
  const firsts = new Map<string, Entry[]>();
  const seconds = new Map<string, Entry[]>();
  for (const o of input.offerings) {
    firsts.set(o.id, []);
    seconds.set(o.id, []);
  }
  const seedKey = createSecretKey(Buffer.from(input.seed, 'hex'));
  for (const candidate of input.candidates) {
    const grade = input.lowerGradesFirst ? String(candidate.grade).padStart(2, '0') : '00';
    const key = `${candidate.tier === 1 ? 0 : 1}${grade}${lotteryNumber(seedKey, candidate.ref)}${candidate.ref}`;
    for (const g of candidate.groups) {
      const slot: Slot = { candidate, group: g.group, key, placedOn: 0 };
      firsts.get(g.first)!.push({ slot, choice: 1 });
      if (g.second) seconds.get(g.second)!.push({ slot, choice: 2 });
    }
  }

  // Round 1: first choices.
  const placed = new Map<string, Entry[]>();
  for (const o of input.offerings) {
    const taken = firsts.get(o.id)!.sort(order).slice(0, o.capacity);
    for (const e of taken) e.slot.placedOn = 1;
    placed.set(o.id, taken);
  }
  // Round 2: second choices of those not placed on their first, into the places left.
  for (const o of input.offerings) {
    const room = o.capacity - placed.get(o.id)!.length;
    if (room <= 0) continue;
    const queue = seconds
      .get(o.id)!
      .filter((e) => e.slot.placedOn === 0)
      .sort(order);
    for (const e of queue.slice(0, room)) {
      e.slot.placedOn = 2;
      placed.get(o.id)!.push(e);
    }
  }

  // Offerings by id and every queue in draw order, so the outcome never depends on input order.
  const byId = [...input.offerings].sort((a, b) => byText(a.id, b.id));
  const outcomes: LineOutcome[] = [];
  const publicOfferings: PublicOffering[] = [];
  for (const o of byId) {
    const here = placed.get(o.id)!;
    const firstChoices = firsts.get(o.id)!;
    const secondChoices = seconds.get(o.id)!.sort(order);
    const waiting = firstChoices.filter((e) => e.slot.placedOn === 0);
    for (let i = 0; i < waiting.length; i++) {
      const { slot } = waiting[i]!;
      outcomes.push({
        ref: slot.candidate.ref,
        group: slot.group,
        offeringId: o.id,
        choice: 1,
        outcome: 'queue',
        position: i + 1,
      });
    }
    for (const { slot, choice } of here) {
      outcomes.push({
        ref: slot.candidate.ref,
        group: slot.group,
        offeringId: o.id,
        choice,
        outcome: 'place',
        round: choice,
      });
    }
    for (const { slot } of firstChoices) {
      if (slot.placedOn === 2)
        outcomes.push({
          ref: slot.candidate.ref,
          group: slot.group,
          offeringId: o.id,
          choice: 1,
          outcome: 'skip',
        });
    }
    // A slot has one second choice, so "placed on its second" means placed here.
    for (const { slot } of secondChoices) {
      if (slot.placedOn !== 2)
        outcomes.push({
          ref: slot.candidate.ref,
          group: slot.group,
          offeringId: o.id,
          choice: 2,
          outcome: 'skip',
        });
    }
    publicOfferings.push({
      offeringId: o.id,
      name: o.name,
      capacity: o.capacity,
      candidates: [...firstChoices, ...secondChoices]
        .map(({ slot, choice }) => ({
          ref: slot.candidate.ref,
          tier: slot.candidate.tier,
          grade: slot.candidate.grade,
          choice,
          group: slot.group,
        }))
        .sort((a, b) => byText(a.ref, b.ref)),
      placed: here.map((e) => e.slot.candidate.ref),
      waitlist: waiting.map((e) => e.slot.candidate.ref),
    });
  }
  publicOfferings.sort((a, b) => byText(a.name, b.name) || byText(a.offeringId, b.offeringId));
  return {
    outcomes,
    list: {
      algorithm: drawAlgorithm,
      termId: input.termId,
      seedHash: seedHashOf(input.seed),
      seed: input.seed,
      lowerGradesFirst: input.lowerGradesFirst,
      offerings: publicOfferings,
    },
  };
}

/** Rebuilds the draw's inputs from a public list: what `verifyDraw` re-runs. */
export function inputsOf(list: PublicDrawList): { input: DrawInput; problems: DrawProblem[] } {
  const problems: DrawProblem[] = [];
  const candidates = new Map<string, DrawCandidate>();
  for (const o of list.offerings) {
    for (const c of o.candidates) {
      let candidate = candidates.get(c.ref);
      if (!candidate) {
        candidate = { ref: c.ref, tier: c.tier, grade: c.grade, groups: [] };
        candidates.set(c.ref, candidate);
      } else if (candidate.tier !== c.tier || candidate.grade !== c.grade) {
        problems.push({ code: 'candidate_inconsistent', params: { ref: c.ref } });
      }
      let group = candidate.groups.find((g) => g.group === c.group);
      if (!group) {
        group = { group: c.group, first: '', second: null };
        candidate.groups.push(group);
      }
      if (c.choice === 1) {
        if (group.first) problems.push({ code: 'choice_pairing', params: { ref: c.ref, group: c.group } });
        group.first = o.offeringId;
      } else {
        if (group.second) problems.push({ code: 'choice_pairing', params: { ref: c.ref, group: c.group } });
        group.second = o.offeringId;
      }
    }
  }
  for (const c of candidates.values()) {
    for (const g of c.groups) {
      if (!g.first) problems.push({ code: 'choice_pairing', params: { ref: c.ref, group: g.group } });
    }
  }
  return {
    input: {
      termId: list.termId,
      seed: list.seed,
      lowerGradesFirst: list.lowerGradesFirst,
      offerings: list.offerings.map((o) => ({ id: o.offeringId, name: o.name, capacity: o.capacity })),
      candidates: [...candidates.values()],
    },
    problems,
  };
}

export type DrawProblem =
  | { code: 'algorithm'; params: { algorithm: string } }
  | { code: 'seed_format'; params: Record<string, never> }
  | { code: 'seed_hash'; params: { seedHash: string; actual: string } }
  | { code: 'candidate_inconsistent'; params: { ref: string } }
  | { code: 'choice_pairing'; params: { ref: string; group: number } }
  | { code: 'inputs'; params: { detail: string } }
  | { code: 'offering_missing'; params: { offering: string } }
  | {
      code: 'placed_differs' | 'waitlist_differs';
      params: { offering: string; position: number; expected: string; actual: string };
    };

export interface Verification {
  ok: boolean;
  /** The problems in English; `details` carries them as codes for other languages. */
  problems: string[];
  details: DrawProblem[];
}

/** Recomputes a published draw from its revealed seed and inputs and compares the outcome. */
export function verifyDraw(list: PublicDrawList): Verification {
  const details: DrawProblem[] = [];
  if (list.algorithm !== drawAlgorithm)
    details.push({ code: 'algorithm', params: { algorithm: list.algorithm } });
  if (!isSeed(list.seed)) {
    details.push({ code: 'seed_format', params: {} });
  } else if (seedHashOf(list.seed) !== list.seedHash) {
    details.push({ code: 'seed_hash', params: { seedHash: list.seedHash, actual: seedHashOf(list.seed) } });
  }
  const rebuilt = inputsOf(list);
  details.push(...rebuilt.problems);
  const invalid = inputProblems(rebuilt.input);
  if (details.length === 0 && invalid.length) {
    details.push(...invalid.map((detail) => ({ code: 'inputs' as const, params: { detail } })));
  }
  if (details.length === 0) {
    const expected = new Map(allocate(rebuilt.input).list.offerings.map((o) => [o.offeringId, o]));
    for (const o of list.offerings) {
      const again = expected.get(o.offeringId);
      if (!again) {
        details.push({ code: 'offering_missing', params: { offering: o.name } });
        continue;
      }
      const placed = firstDifference(again.placed, o.placed);
      if (placed) details.push({ code: 'placed_differs', params: { offering: o.name, ...placed } });
      const waitlist = firstDifference(again.waitlist, o.waitlist);
      if (waitlist) details.push({ code: 'waitlist_differs', params: { offering: o.name, ...waitlist } });
    }
  }
  return {
    ok: details.length === 0,
    problems: details.map((d) => describeProblem(d, 'en')),
    details,
  };
}

function firstDifference(
  expected: string[],
  actual: string[],
): { position: number; expected: string; actual: string } | null {
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i++) {
    if (expected[i] !== actual[i])
      return { position: i + 1, expected: expected[i] ?? '—', actual: actual[i] ?? '—' };
  }
  return null;
}

export function describeProblem(problem: DrawProblem, lang: 'zh-CN' | 'en'): string {
  const zh = lang !== 'en';
  switch (problem.code) {
    case 'algorithm':
      return zh
        ? `不认识的抽签算法“${problem.params.algorithm}”，应为 ${drawAlgorithm}`
        : `Unknown draw algorithm "${problem.params.algorithm}"; expected ${drawAlgorithm}`;
    case 'seed_format':
      return zh ? '种子应为 64 位十六进制数字' : 'The seed is not 64 hex digits';
    case 'seed_hash':
      return zh
        ? `种子的 SHA-256 为 ${problem.params.actual}，与事先公布的摘要 ${problem.params.seedHash} 不符`
        : `The seed hashes to ${problem.params.actual}, not to the published ${problem.params.seedHash}`;
    case 'candidate_inconsistent':
      return zh
        ? `编号 ${problem.params.ref} 在不同项目中的优先级或年级不一致`
        : `Reference ${problem.params.ref} has different tiers or grades in different offerings`;
    case 'choice_pairing':
      return zh
        ? `编号 ${problem.params.ref} 的第 ${problem.params.group} 组志愿不完整或重复`
        : `Reference ${problem.params.ref} has an incomplete or repeated choice group ${problem.params.group}`;
    case 'inputs':
      return zh
        ? `名单数据有误：${problem.params.detail}`
        : `The list's inputs are invalid: ${problem.params.detail}`;
    case 'offering_missing':
      return zh
        ? `项目“${problem.params.offering}”无法重算`
        : `Offering "${problem.params.offering}" cannot be recomputed`;
    case 'placed_differs':
    case 'waitlist_differs': {
      const p = problem.params;
      const what =
        problem.code === 'placed_differs' ? (zh ? '录取名单' : 'placed list') : zh ? '候补名单' : 'waitlist';
      return zh
        ? `“${p.offering}”的${what}第 ${p.position} 位应为 ${p.expected}，名单上是 ${p.actual}`
        : `"${p.offering}": ${what} position ${p.position} should be ${p.expected}, the list has ${p.actual}`;
    }
  }
}
