// PROG-8 demand survey (调查摸底): what a class teacher records per child, and the totals per class
// and school. Pure; re-exported by rules.ts.

/** What a family may need: 午托 noon care, 课后 afternoon, 晚托 evening, 午餐 meals, 周末 weekend. */
export const demandNeeds = ['noon', 'afternoon', 'evening', 'meals', 'weekend'] as const;
export type DemandNeed = (typeof demandNeeds)[number];

export interface DemandAnswer {
  canCollectOnTime: boolean;
  needs: DemandNeed[];
}

export interface DemandCount {
  children: number;
  recorded: number;
  /** Families who cannot collect their child at the normal time: the service's core demand. */
  cannotCollect: number;
  needs: Record<DemandNeed, number>;
}

export function emptyDemandCount(): DemandCount {
  return {
    children: 0,
    recorded: 0,
    cannotCollect: 0,
    needs: { noon: 0, afternoon: 0, evening: 0, meals: 0, weekend: 0 },
  };
}

/** Totals over children; a child with no answer counts only in `children`. */
export function demandTotals(answers: (DemandAnswer | null)[]): DemandCount {
  const totals = emptyDemandCount();
  for (const answer of answers) {
    totals.children++;
    if (!answer) continue;
    totals.recorded++;
    if (!answer.canCollectOnTime) totals.cannotCollect++;
    for (const need of new Set(answer.needs)) totals.needs[need]++;
  }
  return totals;
}

/** Sums per-class totals into the school's. */
export function addDemandCounts(counts: DemandCount[]): DemandCount {
  const sum = emptyDemandCount();
  for (const c of counts) {
    sum.children += c.children;
    sum.recorded += c.recorded;
    sum.cannotCollect += c.cannotCollect;
    for (const need of demandNeeds) sum.needs[need] += c.needs[need];
  }
  return sum;
}
