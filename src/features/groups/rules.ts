// Temporary classes (临时班, STAFF-1…3): enrolled students are regrouped across home classes into
// classes of one offering. Pure: the service loads students, settings and venues and writes the plan.
//
// Decisions (README "Design"):
// - Home classes are the unit of packing: classmates stay together unless their home class alone is
//   over the cap, in which case it is cut into as few, as even pieces as the cap allows.
// - Care and interest offerings: the fewest classes that hold the units (ceil(n / cap) when whole
//   home classes allow it, one more each time they do not), filled by worst-fit decreasing (each
//   unit, largest first, into the emptiest class), then evened out by moving or swapping units
//   between the fullest and emptiest class. Proven bound: the largest and smallest class differ by
//   at most the largest unit (one home class, or a piece of one); with no classmates, by one.
// - Noon (午托, STAFF-2): a home class of `noonGroupMin` (30) or more is its own group; the rest of a
//   grade joins the next grade's rest (and so on) until the pool reaches the minimum; a small last
//   pool joins the one before. Each pool is then packed like a care offering under the noon cap.
// - The offering's venue capacity is a further cap. The first class keeps the offering's venue; the
//   others get the smallest free venue of the session that holds them (none left: the admin sets it).

import { gradeLabel } from '../people/rules';

export const tempClassKinds = ['care', 'interest', 'noon'] as const;
export type TempClassKind = (typeof tempClassKinds)[number];

/**
 * Offering kind (PROG-5) and session kind → the temporary class kind deciding cap and grouping.
 * Noon care (午托, STAFF-2) is the nap, or care held in the noon session; a club or reading at noon
 * is still an interest class of 30.
 */
export function tempClassKindOf(offeringKind: string, sessionKind: string): TempClassKind {
  if (offeringKind === 'nap' || (sessionKind === 'noon' && offeringKind === 'homework_care')) return 'noon';
  if (offeringKind === 'homework_care') return 'care';
  return 'interest';
}

export interface GroupingSettings {
  careClassCap: number;
  interestClassCap: number;
  noonClassCap: number;
  noonGroupMin: number;
  seatRowWidth: number;
}

/** rule STAFF-1: the kind's cap, lowered to the venue's capacity when the class has a venue. */
export function classCap(
  kind: TempClassKind,
  settings: GroupingSettings,
  venueCapacity: number | null,
): number {
  const base =
    kind === 'care'
      ? settings.careClassCap
      : kind === 'interest'
        ? settings.interestClassCap
        : settings.noonClassCap;
  return venueCapacity !== null && venueCapacity > 0 ? Math.min(base, venueCapacity) : base;
}

/** An enrolled student as the generator sees them. */
export interface Pupil {
  id: string;
  grade: number;
  classNo: number;
  homeClassId: string;
  studentNo: string;
}

export interface PlannedClass {
  name: string;
  /** Students in seat order (seat 1 first). */
  students: string[];
  grades: number[];
  homeClassIds: string[];
  /** 'pack': care/interest; 'home': a noon group of one home class; 'merged': a noon pool of grades. */
  source: 'pack' | 'home' | 'merged';
  /** For 'merged' classes: the grades of the pool it came from (STAFF-2 evidence). */
  poolGrades: number[];
}

export function comparePupils(a: Pupil, b: Pupil): number {
  return (
    a.grade - b.grade ||
    a.classNo - b.classNo ||
    a.homeClassId.localeCompare(b.homeClassId) ||
    a.studentNo.localeCompare(b.studentNo) ||
    a.id.localeCompare(b.id)
  );
}

/** Home classes in grade order, each sorted; the generator's stable starting point. */
function homeClasses(pupils: Pupil[]): Pupil[][] {
  const byClass = new Map<string, Pupil[]>();
  for (const p of [...pupils].sort(comparePupils)) {
    const list = byClass.get(p.homeClassId);
    if (list) list.push(p);
    else byClass.set(p.homeClassId, [p]);
  }
  return [...byClass.values()];
}

/** A home class over the cap is cut into ceil(size / cap) pieces whose sizes differ by at most one. */
export function splitToCap(unit: Pupil[], cap: number): Pupil[][] {
  if (unit.length <= cap) return [unit];
  const pieces = Math.ceil(unit.length / cap);
  const out: Pupil[][] = [];
  let start = 0;
  for (let i = 0; i < pieces; i++) {
    const size = Math.floor(unit.length / pieces) + (i < unit.length % pieces ? 1 : 0);
    out.push(unit.slice(start, start + size));
    start += size;
  }
  return out;
}

/**
 * Worst-fit decreasing over units no larger than `cap`: try k = ceil(total / cap) classes, and one
 * more whenever a unit does not fit the emptiest class (then it fits none). Ends at k = units at worst.
 * Then `evenOut` narrows the gap further where moving or swapping whole units allows.
 */
export function packUnits(units: Pupil[][], cap: number): Pupil[][] {
  if (units.length === 0) return [];
  const total = units.reduce((s, u) => s + u.length, 0);
  const sorted = [...units].sort((a, b) => b.length - a.length || comparePupils(a[0]!, b[0]!));
  for (let k = Math.max(1, Math.ceil(total / cap)); ; k++) {
    const bins: Pupil[][][] = Array.from({ length: k }, () => []);
    const loads = new Array<number>(k).fill(0);
    let fits = true;
    for (const unit of sorted) {
      let emptiest = 0;
      for (let i = 1; i < k; i++) if (loads[i]! < loads[emptiest]!) emptiest = i;
      if (loads[emptiest]! + unit.length > cap) {
        fits = false;
        break;
      }
      bins[emptiest]!.push(unit);
      loads[emptiest]! += unit.length;
    }
    if (fits) {
      evenOut(bins, cap);
      return orderBins(bins.map((b) => b.flat()).filter((b) => b.length > 0));
    }
  }
}

/**
 * Local improvement between the fullest and the emptiest class: move one unit, or swap two, when
 * that narrows their gap (and the emptier stays within the cap). Both new sizes lie between the old
 * two, so the overall spread never grows, and the sum of squared sizes falls each step, so it ends.
 * Deterministic: the first best option in unit order wins.
 */
function evenOut(bins: Pupil[][][], cap: number): void {
  const load = (b: Pupil[][]) => b.reduce((s, u) => s + u.length, 0);
  for (let step = 0; step < 1000; step++) {
    let hi = 0;
    let lo = 0;
    bins.forEach((b, i) => {
      if (load(b) > load(bins[hi]!)) hi = i;
      if (load(b) < load(bins[lo]!)) lo = i;
    });
    const gap = load(bins[hi]!) - load(bins[lo]!);
    if (gap <= 1) return;
    let best: { gap: number; from: number; to: number } | null = null;
    const full = bins[hi]!;
    const empty = bins[lo]!;
    for (let a = 0; a < full.length; a++) {
      // A move is a swap with nothing (index -1).
      for (let b = -1; b < empty.length; b++) {
        const delta = full[a]!.length - (b < 0 ? 0 : empty[b]!.length);
        if (delta <= 0 || load(empty) + delta > cap) continue;
        const after = Math.abs(gap - 2 * delta);
        if (after < gap && (!best || after < best.gap)) best = { gap: after, from: a, to: b };
      }
    }
    if (!best) return;
    const unit = full.splice(best.from, 1)[0]!;
    if (best.to >= 0) full.push(empty.splice(best.to, 1)[0]!);
    empty.push(unit);
  }
}

/** Seat order inside a class, and classes ordered by their first student, so names are stable. */
function orderBins(bins: Pupil[][]): Pupil[][] {
  return bins.map((b) => [...b].sort(comparePupils)).sort((a, b) => comparePupils(a[0]!, b[0]!));
}

function uniq(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function planned(
  bin: Pupil[],
  name: string,
  source: PlannedClass['source'],
  poolGrades: number[],
): PlannedClass {
  return {
    name,
    students: bin.map((p) => p.id),
    grades: uniq(bin.map((p) => p.grade)),
    homeClassIds: [...new Set(bin.map((p) => p.homeClassId))],
    source,
    poolGrades,
  };
}

/** "足球社团" → "足球": the stem an interest class is named after ("足球1班"). */
export function offeringStem(offeringName: string): string {
  const stem = offeringName.trim().replace(/(社团|兴趣班|兴趣小组|俱乐部|班)$/, '');
  return stem || offeringName.trim();
}

/** The base a class name is numbered from: 看护 (care), the offering's stem (interest). */
export function classBaseName(kind: TempClassKind, offeringName: string): string {
  return kind === 'care' ? '看护' : kind === 'noon' ? '午托增补' : offeringStem(offeringName);
}

const cn = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
function gradeChar(grade: number): string {
  return cn[grade] ?? String(grade);
}

/** Grade label of a noon pool: 一年级, 一二年级, 一至三年级, 一、三年级. */
export function poolLabel(grades: number[]): string {
  const g = uniq(grades);
  const consecutive = g.every((v, i) => i === 0 || v === g[i - 1]! + 1);
  if (g.length === 1) return gradeLabel(g[0]!);
  if (consecutive && g.length === 2) return `${gradeChar(g[0]!)}${gradeChar(g[1]!)}年级`;
  if (consecutive) return `${gradeChar(g[0]!)}至${gradeChar(g.at(-1)!)}年级`;
  return `${g.map(gradeChar).join('、')}年级`;
}

/** rule STAFF-1: care and interest classes of one offering. */
function planPacked(kind: TempClassKind, offeringName: string, pupils: Pupil[], cap: number): PlannedClass[] {
  const units = homeClasses(pupils).flatMap((u) => splitToCap(u, cap));
  const base = classBaseName(kind, offeringName);
  return packUnits(units, cap).map((bin, i) => planned(bin, `${base}${i + 1}班`, 'pack', []));
}

/** rule STAFF-2: noon groups. */
function planNoon(pupils: Pupil[], cap: number, groupMin: number): PlannedClass[] {
  const out: PlannedClass[] = [];
  const rest = new Map<number, Pupil[][]>();
  for (const home of homeClasses(pupils)) {
    const first = home[0]!;
    if (home.length >= groupMin) {
      // rule STAFF-2: 30 or more from one class → their own group.
      const pieces = splitToCap(home, cap);
      const label = `午托${gradeChar(first.grade)}(${first.classNo})班`;
      pieces.forEach((piece, i) => {
        out.push(planned(piece, pieces.length > 1 ? `${label}${i + 1}组` : `${label}组`, 'home', []));
      });
    } else {
      const list = rest.get(first.grade) ?? [];
      list.push(home);
      rest.set(first.grade, list);
    }
  }
  // rule STAFF-2: a grade with fewer than the minimum merges with the adjacent grade's rest.
  const pools: { grades: number[]; units: Pupil[][] }[] = [];
  let current: { grades: number[]; units: Pupil[][] } | null = null;
  const sizeOf = (units: Pupil[][]) => units.reduce((s, u) => s + u.length, 0);
  for (const grade of [...rest.keys()].sort((a, b) => a - b)) {
    current ??= { grades: [], units: [] };
    current.grades.push(grade);
    current.units.push(...rest.get(grade)!);
    if (sizeOf(current.units) >= groupMin) {
      pools.push(current);
      current = null;
    }
  }
  if (current) {
    const previous = pools.at(-1);
    if (previous) {
      previous.grades.push(...current.grades);
      previous.units.push(...current.units);
    } else pools.push(current);
  }
  for (const pool of pools) {
    const bins = packUnits(
      pool.units.flatMap((u) => splitToCap(u, cap)),
      cap,
    );
    const label = `午托${poolLabel(pool.grades)}`;
    bins.forEach((bin, i) => {
      out.push(
        planned(bin, bins.length > 1 ? `${label}${i + 1}组` : `${label}组`, 'merged', uniq(pool.grades)),
      );
    });
  }
  return out;
}

/** The temporary classes of one offering. Same input (in any order) → same output. */
export function planClasses(input: {
  kind: TempClassKind;
  offeringName: string;
  pupils: Pupil[];
  cap: number;
  noonGroupMin: number;
}): PlannedClass[] {
  const cap = Math.max(1, input.cap);
  if (input.kind === 'noon') return planNoon(input.pupils, cap, Math.max(1, input.noonGroupMin));
  return planPacked(input.kind, input.offeringName, input.pupils, cap);
}

export interface VenueOption {
  id: string;
  name: string;
  capacity: number;
}

/**
 * Venues for planned classes: the first class takes the offering's venue, each other class the
 * smallest free venue that holds it (ties by name). Without an offering venue the school has not
 * placed the offering yet, so nothing is assigned. `null` = the admin chooses.
 */
export function assignVenues(
  sizes: number[],
  offeringVenue: VenueOption | null,
  free: VenueOption[],
): (string | null)[] {
  if (!offeringVenue) return sizes.map(() => null);
  const left = [...free]
    .filter((v) => v.id !== offeringVenue.id)
    .sort((a, b) => a.capacity - b.capacity || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return sizes.map((size, i) => {
    if (i === 0) return offeringVenue.id;
    const index = left.findIndex((v) => v.capacity >= size);
    if (index < 0) return null;
    return left.splice(index, 1)[0]!.id;
  });
}
