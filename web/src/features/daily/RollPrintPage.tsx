// The roll-call sheet on A4 (点名表, 篇三 "学校制定专门的课后服务点名表"): the class list with a box per
// status, filled from the roll in force when there is one, blank for taking the roll on paper
// when the network is down; signature lines for the care teacher and the checker.
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PrintFrame } from '../../app/PrintFrame';
import { useSession } from '../../app/session';
import { classText } from '../../app/ui';
import '../people/print.css';
import { useRollSheet } from './queries';

const statuses = ['present', 'late', 'absent', 'leave'] as const;

export function RollPrintPage() {
  const { t } = useTranslation();
  const { school } = useSession();
  const { tempClassId = '', date = '' } = useParams();
  const sheet = useRollSheet(tempClassId, date, true);
  const s = sheet.data;
  return (
    <PrintFrame ready={!!s} error={sheet.error}>
      {s && (
        <section className="kh-sheet kh-paper" data-testid="roll-sheet">
          <div className="kh-sheet-school">{school?.name}</div>
          <h1 className="kh-sheet-title">{t('daily.print.title', { name: s.className })}</h1>
          <p className="kh-sheet-lead">
            {t('daily.print.lead', { date: s.date, count: s.members.length })}
            {s.version !== null && ` · ${t('daily.print.version', { version: s.version })}`}
          </p>
          <table className="kh-print-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('daily.print.name')}</th>
                <th>{t('daily.print.class')}</th>
                {statuses.map((st) => (
                  <th key={st}>{t(`daily.roll.status.${st}`)}</th>
                ))}
                <th>{t('daily.print.note')}</th>
              </tr>
            </thead>
            <tbody>
              {s.members.map((m, i) => (
                <tr key={m.studentId}>
                  <td>{i + 1}</td>
                  <td>{m.name}</td>
                  <td>{classText(m.grade, m.classNo)}</td>
                  {statuses.map((st) => (
                    <td key={st} style={{ textAlign: 'center' }}>
                      {m.status === st ? '✓' : '☐'}
                    </td>
                  ))}
                  <td>{m.leave ? m.leave.reason : m.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="kh-sheet-foot">
            <span>{t('daily.print.teacher')} __________</span>
            <span>{t('daily.print.checker')} __________</span>
          </div>
          <div className="kh-sheet-printed">
            {t('roster.printedAt', { time: dayjs().format('YYYY-MM-DD HH:mm') })}
          </div>
        </section>
      )}
    </PrintFrame>
  );
}
