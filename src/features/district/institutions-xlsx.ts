// DIST-2 export: the district's list of outside institutions as an Excel workbook (status, mean
// score, evaluations, complaints, active courses and bookings).
import ExcelJS from 'exceljs';
import type { Locale } from '../../server/errors';
import type { InstitutionSummary } from './institutions-contract';

const words = {
  'zh-CN': {
    sheet: '校外机构',
    title: '非学科类校外培训机构名单',
    headers: [
      '机构名称',
      '类别',
      '状态',
      '平均评分',
      '评价数',
      '投诉数',
      '未处理投诉',
      '在用课程',
      '有效预订',
    ],
    kinds: { art: '艺术', language: '语言', sport: '体育', science: '科技', other: '其他' },
    statuses: { applied: '申请中', approved: '已准入', suspended: '已暂停', removed: '已清退' },
  },
  en: {
    sheet: 'Institutions',
    title: 'Approved outside institutions',
    headers: [
      'Institution',
      'Kind',
      'Status',
      'Mean score',
      'Evaluations',
      'Complaints',
      'Open complaints',
      'Active courses',
      'Active bookings',
    ],
    kinds: { art: 'Art', language: 'Language', sport: 'Sport', science: 'Science', other: 'Other' },
    statuses: { applied: 'Applied', approved: 'Approved', suspended: 'Suspended', removed: 'Removed' },
  },
} as const;

export async function institutionsWorkbook(items: InstitutionSummary[], locale: Locale): Promise<Buffer> {
  const w = words[locale === 'en' ? 'en' : 'zh-CN'];
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(w.sheet);
  sheet.addRow([w.title]).font = { bold: true, size: 14 };
  sheet.addRow([...w.headers]).font = { bold: true };
  for (const i of items)
    sheet.addRow([
      i.name,
      (w.kinds as Record<string, string>)[i.kind] ?? i.kind,
      w.statuses[i.status],
      i.meanScore ?? '',
      i.evaluationCount,
      i.complaintCount,
      i.openComplaintCount,
      i.activeCourseCount,
      i.activeBookingCount,
    ]);
  sheet.columns.forEach((col, n) => {
    col.width = n === 0 ? 28 : 12;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
