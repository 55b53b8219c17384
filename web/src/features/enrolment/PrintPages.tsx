// A4 paper views: the published list (公示) and a family's signed agreement (安全责任书).
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { PrintFrame } from '../../app/PrintFrame';
import { useSession } from '../../app/session';
import { classText } from '../../app/ui';
import '../people/print.css';
import './enrolment.css';
import { type ListGrouping, listSections } from './ListPage';
import { usePublishedList, useSignature } from './queries';

export function ListPrintPage() {
  const { t } = useTranslation();
  const { school } = useSession();
  const [params] = useSearchParams();
  const termId = params.get('term') ?? undefined;
  const by: ListGrouping = params.get('by') === 'offering' ? 'offering' : 'class';
  const list = usePublishedList(termId);
  const printedAt = dayjs().format('YYYY-MM-DD HH:mm');
  return (
    <PrintFrame ready={!!list.data} error={list.error}>
      {list.data && (
        <section className="kh-sheet kh-paper" data-testid="list-sheet">
          <div className="kh-sheet-school">{school?.name}</div>
          <h1 className="kh-sheet-title">{t('enrol.printListTitle', { term: list.data.termName })}</h1>
          <p className="kh-sheet-lead">
            {t('enrol.printListLead', {
              total: list.data.total,
              time: dayjs(list.data.publishedAt).format('YYYY-MM-DD'),
            })}
          </p>
          {listSections(list.data, by, t('enrol.sessionSep')).map((section) => (
            <div key={section.key} className="kh-list-block">
              <h2 className="kh-list-heading">
                {section.title}（{t('enrol.people', { count: section.names.length })}）
              </h2>
              <div className="kh-list-names">
                {section.names.map((name, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: masked names repeat (张*明) and never reorder
                  <span key={`${name}-${i}`}>{name}</span>
                ))}
              </div>
            </div>
          ))}
          <p className="kh-sheet-lead">{t('enrol.printListFoot')}</p>
          <div className="kh-sheet-foot">
            <span>{school?.name}</span>
            <span>{dayjs(list.data.publishedAt).format('YYYY年M月D日')}</span>
          </div>
          <div className="kh-sheet-printed">{t('roster.printedAt', { time: printedAt })}</div>
        </section>
      )}
    </PrintFrame>
  );
}

export function AgreementPrintPage() {
  const { t } = useTranslation();
  const { applicationId = '' } = useParams();
  const signature = useSignature(applicationId);
  const s = signature.data;
  return (
    <PrintFrame ready={!!s} error={signature.error}>
      {s && (
        <section className="kh-sheet kh-paper" data-testid="agreement-sheet">
          <div className="kh-sheet-school">
            {s.schoolName} · {s.termName}
          </div>
          <h1 className="kh-sheet-title">{s.agreement.title}</h1>
          <table className="kh-print-table kh-agreement-facts">
            <tbody>
              <tr>
                <th>{t('enrol.printChild')}</th>
                <td>{s.studentName}</td>
                <th>{t('student.class')}</th>
                <td>{classText(s.grade, s.classNo)}</td>
              </tr>
              <tr>
                <th>{t('enrol.printItems')}</th>
                <td colSpan={3}>{s.offerings.join('、') || '—'}</td>
              </tr>
              <tr>
                <th>{t('enrol.refShort')}</th>
                <td>{s.publicRef}</td>
                <th>{t('enrol.printVersion')}</th>
                <td>{t('enrol.version', { version: s.agreement.version })}</td>
              </tr>
            </tbody>
          </table>
          <div className="kh-agreement-print">{s.agreement.body}</div>
          <div className="kh-signature-block">
            <div>
              {t('enrol.printSignedName')}
              <span className="kh-signed-name">{s.signedName}</span>
              {t('enrol.printElectronic')}
            </div>
            <div>{t('enrol.printSignedAt', { time: dayjs(s.signedAt).format('YYYY-MM-DD HH:mm:ss') })}</div>
            <div>{t('enrol.printAccount', { name: s.signedByName })}</div>
          </div>
          <div className="kh-sheet-foot">
            <span>{t('enrol.printSchoolSeal')}</span>
            <span>{t('roster.date')} ______年____月____日</span>
          </div>
        </section>
      )}
    </PrintFrame>
  );
}
