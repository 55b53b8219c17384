// The duty roster as an Excel workbook: one sheet of duties (a row per duty, sorted by date and
// session) and one of the slots left unfilled with their reasons, in the reader's language.
import ExcelJS from 'exceljs';
import type { Locale } from '../../../server/errors';
import { weekdayOf } from '../../programme/rules';
import type { RosterDetail } from '../roster-contract';
import { reasonLabel, roleLabel, weekdayLabel } from '../roster-labels';

export async function writeRosterWorkbook(detail: RosterDetail, locale: Locale): Promise<Buffer> {
  const en = locale === 'en';
  const session = new Map(detail.sessions.map((s) => [s.id, s]));
  const cls = new Map(detail.classes.map((c) => [c.id, c.name]));
  const person = new Map(detail.people.map((p) => [p.id, p]));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kehou';
  const sheet = workbook.addWorksheet(en ? 'Duties' : '值班表');
  sheet.columns = [
    { header: en ? 'Date' : '日期', key: 'date', width: 12 },
    { header: en ? 'Weekday' : '星期', key: 'weekday', width: 8 },
    { header: en ? 'Session' : '时段', key: 'session', width: 18 },
    { header: en ? 'Class' : '临时班', key: 'class', width: 16 },
    { header: en ? 'Role' : '职责', key: 'role', width: 12 },
    { header: en ? 'Name' : '姓名', key: 'name', width: 12 },
    { header: en ? 'Subject' : '学科', key: 'subject', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const sessionText = (id: string) => {
    const s = session.get(id);
    return s ? `${s.name} ${s.startsAt}-${s.endsAt}` : id;
  };
  for (const d of detail.duties) {
    sheet.addRow({
      date: d.date,
      weekday: weekdayLabel(weekdayOf(d.date), locale),
      session: sessionText(d.sessionId),
      class: d.tempClassId ? (cls.get(d.tempClassId) ?? '') : '',
      role: roleLabel(d.role, locale),
      name: person.get(d.userId)?.name ?? '',
      subject: person.get(d.userId)?.subject ?? '',
    });
  }
  const gaps = workbook.addWorksheet(en ? 'Unfilled' : '未排满');
  gaps.columns = [
    { header: en ? 'Date' : '日期', key: 'date', width: 12 },
    { header: en ? 'Session' : '时段', key: 'session', width: 18 },
    { header: en ? 'Class' : '临时班', key: 'class', width: 16 },
    { header: en ? 'Role' : '职责', key: 'role', width: 12 },
    { header: en ? 'Missing' : '缺少人数', key: 'missing', width: 10 },
    { header: en ? 'Reason' : '原因', key: 'reason', width: 40 },
  ];
  gaps.getRow(1).font = { bold: true };
  for (const u of detail.unfilled) {
    gaps.addRow({
      date: u.date,
      session: sessionText(u.sessionId),
      class: u.tempClassId ? (cls.get(u.tempClassId) ?? '') : '',
      role: roleLabel(u.role, locale),
      missing: u.missing,
      reason: reasonLabel(u.reason, locale),
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
