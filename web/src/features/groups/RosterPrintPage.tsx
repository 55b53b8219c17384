// STAFF-5: the duty roster on paper (A4), one school week per sheet: a row per date and session with
// each class's adults, the duty teacher and the duty leader, as the staff room posts it.
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { PrintFrame } from '../../app/PrintFrame';
import { useSession } from '../../app/session';
import '../people/print.css';
import './RosterPrint.css';
import { useRoster } from './RosterApi';
import { byDateRows, type DateRow } from './RosterRows';

/** The Monday of a date's week, the key of its sheet. */
const mondayOf = (date: string) => {
  const d = dayjs(date);
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
};

export function RosterPrintPage() {
  const { t } = useTranslation();
  const { school } = useSession();
  const { rosterId } = useParams();
  const [params] = useSearchParams();
  const roster = useRoster(rosterId, {
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  });
  const weeks = new Map<string, DateRow[]>();
  for (const row of roster.data ? byDateRows(roster.data) : [])
    weeks.set(mondayOf(row.date), [...(weeks.get(mondayOf(row.date)) ?? []), row]);
  const printedAt = dayjs().format('YYYY-MM-DD HH:mm');
  return (
    <PrintFrame ready={!!roster.data} error={roster.error}>
      {roster.data &&
        [...weeks.entries()].map(([monday, rows]) => (
          <section key={monday} className="kh-sheet kh-duty-week" data-testid="duty-week">
            <div className="kh-sheet-school">{school?.name}</div>
            <h1 className="kh-sheet-title">
              {roster.data.termName} {t('duty.admin.title')}（
              {t('duty.admin.version', { version: roster.data.roster.version })}）
            </h1>
            <p>{t('duty.admin.week', { from: rows[0]!.date, to: rows.at(-1)!.date })}</p>
            <table className="kh-print-table">
              <thead>
                <tr>
                  <th>{t('duty.common.date')}</th>
                  <th>{t('duty.common.session')}</th>
                  <th>{t('duty.role.care')}</th>
                  <th>{t('duty.role.duty')}</th>
                  <th>{t('duty.role.leader')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <td>
                      {r.date.slice(5)} {t(`duty.weekday.${(dayjs(r.date).day() + 6) % 7}`)}
                    </td>
                    <td>{r.sessionName}</td>
                    <td>{r.care.map((c) => `${c.className}：${c.names.join('、')}`).join('；')}</td>
                    <td>{r.duty.join('、')}</td>
                    <td>{r.leader.join('、')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="kh-sheet-printed">{printedAt}</div>
          </section>
        ))}
    </PrintFrame>
  );
}
