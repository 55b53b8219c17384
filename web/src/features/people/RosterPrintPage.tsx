// The printable roster (花名册): one A4 sheet per class with guardians and phone numbers.
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../app/session';
import { classText, errorMessage } from '../../app/ui';
import './print.css';
import { useClasses } from './queries';
import { loadRoster } from './rosterData';

export function RosterPrintPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { school } = useSession();
  const [params] = useSearchParams();
  const classId = params.get('classId') ?? undefined;
  const grade = params.get('grade') ? Number(params.get('grade')) : undefined;
  const schoolId = school?.id ?? '';
  const classes = useClasses();
  const roster = useQuery({
    queryKey: ['roster-print', schoolId, classId, grade],
    queryFn: () => loadRoster(schoolId, classes.data ?? [], { classId, grade }),
    enabled: !!classes.data,
  });
  const error = classes.error ?? roster.error;
  const printedAt = dayjs().format('YYYY-MM-DD HH:mm');

  return (
    <div className="kh-print-root">
      <Space className="no-print kh-print-bar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          disabled={!roster.data}
        >
          {t('common.print')}
        </Button>
      </Space>
      {error && <Alert type="error" title={errorMessage(error)} />}
      {(classes.isLoading || roster.isLoading) && <Spin style={{ display: 'block', margin: 48 }} />}
      {roster.data?.map(({ cls, students }) => (
        <section key={cls.id} className="kh-sheet" data-testid="roster-sheet">
          <div className="kh-sheet-school">{school?.name}</div>
          <h1 className="kh-sheet-title">{t('roster.title', { cls: classText(cls.grade, cls.classNo) })}</h1>
          <table className="kh-print-table">
            <thead>
              <tr>
                <th>{t('roster.seq')}</th>
                <th>{t('student.no')}</th>
                <th>{t('student.name')}</th>
                <th>{t('student.gender')}</th>
                <th>{t('student.guardians')}</th>
                <th>{t('student.relation')}</th>
                <th>{t('student.phone')}</th>
              </tr>
            </thead>
            <tbody>
              {students.length === 0 && (
                <tr>
                  <td colSpan={7}>{t('roster.empty')}</td>
                </tr>
              )}
              {students.map((s, index) => {
                const guardians = s.guardians.length ? s.guardians : [null];
                return (
                  <Fragment key={s.id}>
                    {guardians.map((g, gi) => (
                      <tr key={g?.phone ?? 'none'} className={gi === 0 ? 'kh-first' : 'kh-more'}>
                        {gi === 0 && (
                          <>
                            <td rowSpan={guardians.length}>{index + 1}</td>
                            <td rowSpan={guardians.length}>{s.studentNo}</td>
                            <td rowSpan={guardians.length}>{s.name}</td>
                            <td rowSpan={guardians.length}>{t(`student.${s.gender}`)}</td>
                          </>
                        )}
                        <td>{g?.name ?? ''}</td>
                        <td>{g?.relation ?? ''}</td>
                        <td>{g?.phone ?? ''}</td>
                      </tr>
                    ))}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
          <div className="kh-sheet-foot">
            <span>{t('roster.signature')} ____________________</span>
            <span>{t('roster.date')} ______年____月____日</span>
          </div>
          <div className="kh-sheet-printed">{t('roster.printedAt', { time: printedAt })}</div>
        </section>
      ))}
    </div>
  );
}
