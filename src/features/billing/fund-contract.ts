// Request and response shapes of the service fund (FEE-2 subsidy, FEE-8 expenses, FEE-9 the fund
// statement); the web app imports these too. Amounts are integer fen.
import { z } from 'zod';
import { id } from '../people/contract';
import { allFigures } from './fund-statement';
import { expenseCategories, streams } from './rules';

const isoDate = z.iso.date();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const text = (max: number) => z.string().trim().max(max);

export const fundSchoolParams = z.object({ schoolId: id });
export const fundTermParams = z.object({ schoolId: id, termId: id });
export const fundDocumentParams = z.object({ schoolId: id, documentId: id });
export const fundStatementParams = z.object({ schoolId: id, statementId: id });
export const fundDistrictParams = z.object({ districtId: id });

export const fundDocumentKinds = ['subsidy', 'expense', 'other_income'] as const;
export type FundDocumentKind = (typeof fundDocumentKinds)[number];

/** An amount in fen: checked by the service (AMOUNT_INVALID: positive, whole fen). */
const amountFen = z.number();

const common = {
  occurredOn: isoDate,
  amountFen,
  voucherNo: text(40).min(1),
  note: text(500).default(''),
};

/** FEE-2: a subsidy received, with the students it was counted for. */
export const subsidyInput = z.object({
  kind: z.literal('subsidy'),
  ...common,
  students: z.number().int().min(0).max(100_000),
  counterparty: text(100).default(''),
});
/** FEE-8: an expense by category, paid to a payee. Meals bought for families are stream 'meal'. */
export const expenseInput = z.object({
  kind: z.literal('expense'),
  ...common,
  category: z.enum(expenseCategories),
  counterparty: text(100).min(1),
  stream: z.enum(streams).default('service'),
});
export const otherIncomeInput = z.object({
  kind: z.literal('other_income'),
  ...common,
  counterparty: text(100).default(''),
});
export const fundDocumentInput = z.discriminatedUnion('kind', [subsidyInput, expenseInput, otherIncomeInput]);
export type FundDocumentInput = z.infer<typeof fundDocumentInput>;

export const reverseInput = z.object({ reason: text(500).min(1) });

export const fundDocumentView = z.object({
  id: z.string(),
  termId: z.string(),
  kind: z.enum(fundDocumentKinds),
  category: z.string(),
  stream: z.enum(streams),
  occurredOn: z.string(),
  amountFen: z.number(),
  voucherNo: z.string(),
  counterparty: z.string(),
  note: z.string(),
  students: z.number().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  /** The fund-book row written for it. */
  entryId: z.string(),
  /** Set once the row was reversed (FEE-11: corrected by a new row, never edited). */
  reversal: z.object({ entryId: z.string(), reason: z.string(), by: z.string(), at: z.string() }).nullable(),
});
export type FundDocumentView = z.infer<typeof fundDocumentView>;

export const fundDocumentQuery = z.object({ kind: z.enum(fundDocumentKinds).optional() });
export const fundDocumentList = z.object({ items: z.array(fundDocumentView) });

/** FEE-2: the subsidy the term should bring, beside what was received. */
export const expectedSubsidyView = z.object({
  /** Students holding a place in the term now (enrolled). */
  students: z.number(),
  perYearFen: z.number(),
  /** A school year has two terms: the yearly amount ÷ 2, half up. */
  perTermFen: z.number(),
  expectedFen: z.number(),
  receivedFen: z.number(),
});

export const periodSchema = z.union([z.literal('term'), month]);
export const statementQuery = z.object({ period: periodSchema.default('term') });

export const statementBody = z.object({
  period: z.string(),
  months: z.array(z.string()),
  openingFen: z.number(),
  income: z.object({
    serviceReceivedFen: z.number(),
    servicePaidBackFen: z.number(),
    serviceNetFen: z.number(),
    subsidyFen: z.number(),
    otherIncomeFen: z.number(),
    totalFen: z.number(),
  }),
  expenses: z.object({
    byCategory: z.array(z.object({ category: z.enum(expenseCategories), amountFen: z.number() })),
    totalFen: z.number(),
  }),
  netFen: z.number(),
  closingFen: z.number(),
  meals: z.object({
    openingFen: z.number(),
    collectedFen: z.number(),
    paidBackFen: z.number(),
    spentFen: z.number(),
    netFen: z.number(),
    closingFen: z.number(),
  }),
  rowCount: z.number(),
});

const school = z.object({ id: z.string(), name: z.string() });
const term = z.object({ id: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string() });

/** The working statement, as the book stands now (finance, admin and the district). */
export const workingStatement = z.object({
  school,
  term,
  /** The term's months, for choosing a period. */
  termMonths: z.array(z.string()),
  statement: statementBody,
  /** The latest published version of the same period, if any. */
  published: z.object({ id: z.string(), version: z.number(), publishedAt: z.string() }).nullable(),
});
export type WorkingStatement = z.infer<typeof workingStatement>;

export const figures = ['opening', 'meals.opening', ...allFigures] as const;
export const linesQuery = z.object({ period: periodSchema.default('term'), figure: z.enum(figures) });

export const statementLine = z.object({
  id: z.string(),
  kind: z.string(),
  stream: z.enum(streams),
  month: z.string(),
  amountFen: z.number(),
  sourceType: z.string(),
  sourceId: z.string(),
  reversesId: z.string().nullable(),
  /** The row's reason in the reader's language. */
  reason: z.string(),
  /** A fund document's voucher, when the row was written for one. */
  voucherNo: z.string().nullable(),
  createdAt: z.string(),
});
export const statementLines = z.object({
  figure: z.string(),
  /** The figure as the statement shows it; the lines sum to it (negated for spending). */
  totalFen: z.number(),
  items: z.array(statementLine),
});

export const publishInput = z.object({ period: periodSchema });

/** A published statement: the snapshot parents saw, frozen. */
export const publishedStatement = z.object({
  id: z.string(),
  schoolId: z.string(),
  school,
  term,
  period: z.string(),
  version: z.number(),
  statement: statementBody,
  publishedAt: z.string(),
  publishedBy: z.string(),
});
export type PublishedStatement = z.infer<typeof publishedStatement>;

export const publishedSummary = z.object({
  id: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  termId: z.string(),
  termName: z.string(),
  period: z.string(),
  version: z.number(),
  /** Whether a newer version of the same period exists. */
  superseded: z.boolean(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  incomeFen: z.number(),
  expensesFen: z.number(),
  netFen: z.number(),
  closingFen: z.number(),
});
export const publishedQuery = z.object({ termId: id.optional() });
export const publishedList = z.object({ items: z.array(publishedSummary) });
export const districtQuery = z.object({
  /** Only the latest version of each school's period (default), or every version. */
  all: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
