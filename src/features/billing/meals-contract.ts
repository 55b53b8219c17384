// Request and response shapes of meals (FEE-7): the month's meal bills and the family's opt-in.
import { z } from 'zod';
import { id } from '../people/contract';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month');

export const termParams = z.object({ schoolId: id, termId: id });
export const monthQuery = z.object({ month });
export const issueInput = z.object({ month });
export const studentParams = z.object({ schoolId: id, studentId: id });
export const studentQuery = z.object({ termId: id });

export const optInput = z.object({
  termId: id,
  /** 'in' from the date on; 'out' from the date on (the day before is the last meal). */
  action: z.enum(['in', 'out']),
  from: date,
});

export const correctionView = z.object({
  forMonth: z.string(),
  mealsBefore: z.number().int(),
  meals: z.number().int(),
  amountFen: z.number().int(),
});

export const mealBillView = z.object({
  id: z.string(),
  billNo: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  studentNo: z.string(),
  grade: z.number().int(),
  classNo: z.number().int(),
  month: z.string(),
  meals: z.number().int(),
  priceFen: z.number().int(),
  /** meals × price, the month's own charge. */
  amountFen: z.number().int(),
  /** Corrections of earlier months carried on this bill. */
  corrections: z.array(correctionView),
  /** amount + corrections: what the bill asks for. */
  totalFen: z.number().int(),
  dueOn: z.string(),
  issuedAt: z.string(),
});
export type MealBillView = z.infer<typeof mealBillView>;

export const mealMonth = z.object({
  termId: z.string(),
  month: z.string(),
  counting: z.enum(['attendance', 'opt_in']),
  priceFen: z.number().int(),
  dueWorkingDays: z.number().int(),
  /** The due date a bill issued now would carry. */
  dueOn: z.string(),
  /** Bills are issued only after the month has ended (school-local date). */
  ended: z.boolean(),
  /** What the counting gives now: students with meals and meals in all. */
  counted: z.object({ students: z.number().int(), meals: z.number().int() }),
  items: z.array(mealBillView),
  totalFen: z.number().int(),
  /** Bills written by this call (issue only; 0 on a repeat). */
  created: z.number().int().optional(),
});
export type MealMonth = z.infer<typeof mealMonth>;

export const studentMeals = z.object({
  studentId: z.string(),
  name: z.string(),
  termId: z.string(),
  counting: z.enum(['attendance', 'opt_in']),
  priceFen: z.number().int(),
  today: z.string(),
  optedInToday: z.boolean(),
  ranges: z.array(z.object({ from: z.string(), to: z.string().nullable() })),
  bills: z.array(mealBillView),
});
export type StudentMeals = z.infer<typeof studentMeals>;
