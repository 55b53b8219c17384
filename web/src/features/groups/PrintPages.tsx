// A4 papers of a temporary class (STAFF-3): 花名册 (roster with masked guardian phones), 座位表 (seat
// grid, the front at the top) and a blank 点名册 (names × the session's school days of a month or a
// week) for roll call on paper when the app cannot be used. Every print is audited on the server.
import { Alert } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { PrintFrame } from '../../app/PrintFrame';
import { classText } from '../../app/ui';
import '../people/print.css';
import './groups.css';
import { type PrintView, useTempClassPrint } from './queries';

export function TempClassPrintPage() {
  const { t } = useTranslation();
  const { classId = '' } = useParams();
  const [params] = useSearchParams();
  const sheet = params.get('sheet') ?? 'roster';
  const search = new URLSearchParams({ sheet });
  for (const key of ['month', 'from']) {
    const v = params.get(key);
    if (v) search.set(key, v);
  }
  const print = useTempClassPrint(classId, search.toString());
  const data = print.data;
  return (
    <PrintFrame ready={!!data} error={print.error}>
      {data && (
        <section
          className={`kh-sheet kh-paper ${data.sheet === 'roll' ? 'kh-landscape' : ''}`}
          data-testid={`temp-class-${data.sheet}`}
        >
          <Heading data={data} />
          {data.sheet === 'roster' && <Roster data={data} />}
          {data.sheet === 'seats' && <Seats data={data} />}
          {data.sheet === 'roll' && <RollSheet data={data} />}
          <div className="kh-sheet-printed">
            {t('roster.printedAt', { time: dayjs().format('YYYY-MM-DD HH:mm') })}
          </div>
        </section>
      )}
    </PrintFrame>
  );
}

function Heading({ data }: { data: PrintView }) {
  const { t } = useTranslation();
  const c = data.class;
  const title =
    data.sheet === 'roster'
      ? 'groups.printTitleRoster'
      : data.sheet === 'seats'
        ? 'groups.printTitleSeats'
        : 'groups.printTitleRoll';
  return (
    <>
      <div className="kh-sheet-school">
        {data.schoolName} · {data.termName}
      </div>
      <h1 className="kh-sheet-title">{t(title, { name: c.name })}</h1>
      <p className="kh-group-facts">
        {t('groups.printFacts', {
          offering: c.offeringName,
          session: c.sessionName,
          time: data.sessionTime,
          venue: c.venueName ?? '—',
          head: c.headTeacherName ?? '—',
        })}
        {' · '}
        {c.count}/{c.cap}
      </p>
    </>
  );
}

function Roster({ data }: { data: PrintView }) {
  const { t } = useTranslation();
  return (
    <table className="kh-print-table">
      <thead>
        <tr>
          <th>#</th>
          <th>{t('groups.grade')}</th>
          <th>{t('groups.homeClass')}</th>
          <th>{t('groups.name')}</th>
          <th>{t('groups.gender')}</th>
          <th>{t('groups.guardianPhone')}</th>
          <th>{t('groups.seat')}</th>
        </tr>
      </thead>
      <tbody>
        {data.members.map((m, i) => (
          <tr key={m.studentId}>
            <td>{i + 1}</td>
            <td>{m.grade}</td>
            <td>{classText(m.grade, m.classNo)}</td>
            <td>{m.name}</td>
            <td>{m.gender === 'M' ? '男' : m.gender === 'F' ? '女' : m.gender}</td>
            <td>{m.guardianPhone ?? '—'}</td>
            <td>{m.seatNo ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Seats({ data }: { data: PrintView }) {
  const { t } = useTranslation();
  const width = data.seatRowWidth;
  const rows = Math.max(1, ...data.members.map((m) => m.row ?? 0));
  const at = new Map(data.members.filter((m) => m.row).map((m) => [`${m.row}-${m.col}`, m]));
  return (
    <div>
      <div className="kh-seat-front">{t('groups.front')}</div>
      <table className="kh-print-table kh-seat-grid">
        <tbody>
          {Array.from({ length: rows }, (_, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions, fixed for the page
            <tr key={r}>
              {Array.from({ length: width }, (_, col) => {
                const m = at.get(`${r + 1}-${col + 1}`);
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: seats are positions
                  <td key={col}>
                    <div className="kh-seat-no">{r * width + col + 1}</div>
                    <div className="kh-seat-name">{m?.name ?? ''}</div>
                    <div className="kh-seat-class">{m ? classText(m.grade, m.classNo) : ''}</div>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RollSheet({ data }: { data: PrintView }) {
  const { t } = useTranslation();
  if (data.dates.length === 0) return <Alert type="info" title={t('groups.noDates')} />;
  return (
    <>
      <table className="kh-print-table kh-roll-grid">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('groups.name')}</th>
            <th>{t('groups.homeClass')}</th>
            {data.dates.map((d) => (
              <th key={d}>{dayjs(d).format('M/D')}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.members.map((m, i) => (
            <tr key={m.studentId}>
              <td>{i + 1}</td>
              <td>{m.name}</td>
              <td>{classText(m.grade, m.classNo)}</td>
              {data.dates.map((d) => (
                <td key={d} className="kh-roll-box" />
              ))}
            </tr>
          ))}
          <tr>
            <td colSpan={3}>{t('groups.signature')}</td>
            {data.dates.map((d) => (
              <td key={d} className="kh-roll-box" />
            ))}
          </tr>
        </tbody>
      </table>
      <p className="kh-group-facts">{t('groups.rollLegend')}</p>
    </>
  );
}
