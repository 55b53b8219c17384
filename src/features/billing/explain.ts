// Why each ledger entry and settlement line exists, in the reader's language (FEE-11: every figure
// explainable line by line). Entries store a reason code and its parameters; this renders them.
import { type Locale, render } from '../../server/errors';

const reasons: Record<string, { zh: string; en: string }> = {
  'charge.month': {
    zh: '{offering}：{fee} 元/月 × {months} 个月',
    en: '{offering}: {fee} yuan a month × {months} months',
  },
  'charge.hour': {
    zh: '{offering}：{fee} 元/课时 × {hours} 课时/天 × {days} 天',
    en: '{offering}: {fee} yuan a class-hour × {hours} a day × {days} days',
  },
  waiver: {
    zh: '减免（{category}）{percent}%',
    en: 'Waiver ({category}) {percent}%',
  },
  'settle.below_threshold': {
    zh: '{month} 出勤 {attended}/{schoolDays} 天 < {threshold} → 退 {refund} 元',
    en: '{month}: attended {attended} of {schoolDays} days < {threshold} → refund {refund}',
  },
  'settle.at_threshold': {
    zh: '{month} 出勤 {attended}/{schoolDays} 天 ≥ {threshold} → 不退费',
    en: '{month}: attended {attended} of {schoolDays} days ≥ {threshold} → no refund',
  },
  'settle.pro_rata': {
    zh: '{month} 缺勤 {missed}/{schoolDays} 天 → 按比例退 {net} × {missed}/{schoolDays} = {refund} 元',
    en: '{month}: missed {missed} of {schoolDays} days → refund {net} × {missed}/{schoolDays} = {refund}',
  },
  'settle.per_session': {
    zh: '{month} 按课时收费，缺 {missed}/{schoolDays} 次 → 退 {net} × {missed}/{schoolDays} = {refund} 元',
    en: '{month}: charged per class-hour, missed {missed} of {schoolDays} sessions → refund {net} × {missed}/{schoolDays} = {refund}',
  },
  'settle.term_closed': {
    zh: '{month} 学期已结清，不再调整（本应调整 {delta} 元）',
    en: '{month}: the term is closed for this student, no change made (would have been {delta})',
  },
  'settle.withdrawn': {
    zh: '{month} 已退出服务 → 退 {refund} 元',
    en: '{month}: withdrawn from the service → refund {refund}',
  },
  'settle.nothing_billed': {
    zh: '{month} 无应缴费用',
    en: '{month}: nothing was charged',
  },
  'settle.adjustment': {
    zh: '{forMonth} 重新核算（考勤更正或补记收费、减免）：应退由 {before} 元改为 {after} 元 → 调整 {delta} 元',
    en: '{forMonth} reassessed (attendance corrected, or a charge or waiver added): refund was {before}, now {after} → adjustment {delta}',
  },
  payment: {
    zh: '缴费（{method}）收据 {receiptNo}',
    en: 'Payment ({method}), receipt {receiptNo}',
  },
  payout: {
    zh: '退费已批准：{reason}',
    en: 'Refund approved: {reason}',
  },
  meal: {
    zh: '{month} 伙食费：{meals} 餐 × {price} 元',
    en: '{month} meals: {meals} × {price} yuan',
  },
  // meals (FEE-7): an earlier month's meals counted again after its bill (attendance or opt-in corrected)
  'meal.correction': {
    zh: '{forMonth} 伙食费更正：{mealsBefore} 餐改为 {meals} 餐 × {price} 元 → 调整 {delta} 元',
    en: '{forMonth} meals corrected: {mealsBefore} → {meals} meals × {price} yuan → adjustment {delta}',
  },
  subsidy: {
    zh: '财政补助（凭证 {voucher}）',
    en: 'Subsidy (voucher {voucher})',
  },
  other_income: {
    zh: '其他收入（凭证 {voucher}）',
    en: 'Other income (voucher {voucher})',
  },
  expense: {
    zh: '支出：{category}（凭证 {voucher}）',
    en: 'Expense: {category} (voucher {voucher})',
  },
  reversal: {
    zh: '冲销：{note}',
    en: 'Reversal: {note}',
  },
};

/** The reason in words; an unknown code shows itself so nothing is silently blank. */
export function explain(code: string, params: Record<string, string | number>, locale: Locale): string {
  const entry = reasons[code];
  if (!entry) return code;
  return render(locale === 'en' ? entry.en : entry.zh, params);
}

export const reasonCodes = Object.keys(reasons);
