// A survey's results as an Excel workbook: a summary sheet of every question, a sheet of the
// per-teacher and per-offering tables, and a sheet of free texts (with no respondent in any of them).
import ExcelJS from 'exceljs';
import type { Locale } from '../../server/errors';
import type { SurveyResults } from './contract';

const words = {
  'zh-CN': {
    summary: '结果汇总',
    targets: '老师与项目评分',
    texts: '意见建议',
    survey: '问卷',
    term: '学期',
    responses: '回收份数',
    eligible: '应答家庭',
    rate: '回收率',
    question: '题目',
    option: '选项',
    count: '人数',
    mean: '平均分',
    ratings: '评分人数',
    name: '名称',
    text: '内容',
    stars: ['1 分', '2 分', '3 分', '4 分', '5 分'],
  },
  en: {
    summary: 'Summary',
    targets: 'Teachers and offerings',
    texts: 'Comments',
    survey: 'Survey',
    term: 'Term',
    responses: 'Responses',
    eligible: 'Eligible',
    rate: 'Response rate',
    question: 'Question',
    option: 'Option',
    count: 'Count',
    mean: 'Mean',
    ratings: 'Ratings',
    name: 'Name',
    text: 'Text',
    stars: ['1', '2', '3', '4', '5'],
  },
} as const;

const mean = (h: number) => h / 100;

export async function resultsWorkbook(r: SurveyResults, locale: Locale): Promise<Buffer> {
  const w = words[locale];
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(w.summary);
  sheet.columns = [{ width: 40 }, { width: 30 }, { width: 12 }, { width: 12 }];
  sheet.addRow([w.survey, r.survey.title]).font = { bold: true };
  sheet.addRow([w.term, r.survey.termName]);
  sheet.addRow([w.responses, r.responses]);
  sheet.addRow([w.eligible, r.eligible]);
  sheet.addRow([w.rate, `${r.ratePercent}%`]);
  for (const q of r.questions) {
    sheet.addRow([]);
    sheet.addRow([`${q.position}. ${q.prompt}`]).font = { bold: true };
    if (q.counts) {
      sheet.addRow([w.option, '', w.count]).font = { italic: true };
      for (const [i, o] of q.options.entries()) sheet.addRow([o, '', q.counts[i] ?? 0]);
    }
    if (q.rating) {
      sheet.addRow([w.mean, '', mean(q.rating.meanHundredths)]);
      for (const [i, n] of q.rating.distribution.entries()) sheet.addRow([w.stars[i], '', n]);
    }
    if (q.targets || q.texts) sheet.addRow([w.count, '', q.answered]);
  }
  const targets = book.addWorksheet(w.targets);
  targets.columns = [
    { width: 40 },
    { width: 24 },
    { width: 10 },
    { width: 10 },
    ...w.stars.map(() => ({ width: 8 })),
  ];
  targets.addRow([w.question, w.name, w.mean, w.ratings, ...w.stars]).font = { bold: true };
  for (const q of r.questions)
    for (const t of q.targets ?? [])
      targets.addRow([q.prompt, t.name, mean(t.meanHundredths), t.count, ...t.distribution]);
  const texts = book.addWorksheet(w.texts);
  texts.columns = [{ width: 40 }, { width: 80 }];
  texts.addRow([w.question, w.text]).font = { bold: true };
  for (const q of r.questions) for (const t of q.texts ?? []) texts.addRow([q.prompt, t]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
