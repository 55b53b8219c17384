// FEE-7 for the family, on a phone: per child, how the school counts meals, whether the child is
// opted in today, opting in or out from a day, and the child's meal bills with their due dates.
import { Alert, Button, Card, Col, DatePicker, Empty, List, Row, Space, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../../src/features/billing/money';
import { errorMessage } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { TermPicker } from '../enrolment/parts';
import { useTermChoice } from '../enrolment/queries';
import { useStudents } from '../people/queries';
import { useFeeActions, useStudentMeals } from './queries';

export function FamilyMealsPage() {
  const { t } = useTranslation();
  const { terms, term, choose, loading } = useTermChoice('running');
  const students = useStudents({ pageSize: 50 });
  if (loading || students.isLoading) return <Spin />;
  const children = students.data?.items ?? [];
  return (
    <div>
      <h2 style={{ marginTop: 0 }}>{t('fees.family.title')}</h2>
      <Typography.Paragraph type="secondary">{t('fees.family.lead')}</Typography.Paragraph>
      <div style={{ marginBottom: 12 }}>
        <TermPicker terms={terms} value={term?.id} onChange={choose} />
      </div>
      {children.length === 0 && <Empty />}
      <Row gutter={[12, 12]}>
        {children.map((c) => (
          <Col key={c.id} xs={24} md={12}>
            <ChildMeals studentId={c.id} name={c.name} termId={term?.id} />
          </Col>
        ))}
      </Row>
    </div>
  );
}

/** One child's meals; `anyDate` lets finance opt in or out from a past day of the term (FEE-7). */
export function ChildMeals({
  studentId,
  name,
  termId,
  anyDate = false,
}: {
  studentId: string;
  name: string;
  termId: string | undefined;
  anyDate?: boolean;
}) {
  const { t } = useTranslation();
  const meals = useStudentMeals(studentId, termId);
  const actions = useFeeActions();
  const { save, busy } = useSave();
  const [from, setFrom] = useState<Dayjs | null>(null);
  const data = meals.data;
  const day = from ?? (data ? dayjs(data.today) : null);
  const change = (action: 'in' | 'out') =>
    termId && day
      ? save(
          () => actions.optIn(studentId, { termId, action, from: day.format('YYYY-MM-DD') }),
          () => actions.refresh('student-meals'),
        )
      : undefined;
  return (
    <Card title={name} size="small" data-testid="child-meals">
      {meals.isLoading && <Spin />}
      {meals.error ? <Alert type="error" title={errorMessage(meals.error)} /> : null}
      {data && (
        <Space orientation="vertical" size={10} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {data.counting === 'attendance'
              ? t('fees.family.countingAttendance')
              : t('fees.family.countingOptIn')}{' '}
            {t('fees.family.price', { price: formatYuan(data.priceFen) })}
          </Typography.Text>
          {data.counting === 'opt_in' && (
            <>
              <div>
                {data.optedInToday ? (
                  <Tag color="green">{t('fees.family.optedIn')}</Tag>
                ) : (
                  <Tag>{t('fees.family.notOptedIn')}</Tag>
                )}
              </div>
              <Space wrap>
                <DatePicker
                  aria-label={t('fees.family.from')}
                  value={day}
                  onChange={setFrom}
                  allowClear={false}
                  disabledDate={anyDate ? undefined : (d) => d.format('YYYY-MM-DD') < data.today}
                  style={{ width: 150 }}
                />
                <Button type="primary" loading={busy} onClick={() => change('in')}>
                  {t('fees.family.optIn')}
                </Button>
                <Button loading={busy} onClick={() => change('out')}>
                  {t('fees.family.optOut')}
                </Button>
              </Space>
              {data.ranges.length > 0 && (
                <div>
                  <Typography.Text strong>{t('fees.family.ranges')}</Typography.Text>
                  {data.ranges.map((r) => (
                    <div key={r.from}>
                      {r.from} – {r.to ?? t('fees.family.open')}
                    </div>
                  ))}
                </div>
              )}
            </>
          )}
          <Typography.Text strong>{t('fees.family.bills')}</Typography.Text>
          <List
            size="small"
            dataSource={data.bills}
            locale={{ emptyText: t('fees.family.noBills') }}
            renderItem={(b) => (
              <List.Item key={b.id}>
                <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                  <span>
                    <b>{b.month}</b> {b.meals} × {formatYuan(b.priceFen)} = {formatYuan(b.amountFen)}
                  </span>
                  {b.corrections.map((c) => (
                    <Typography.Text key={c.forMonth} type="secondary" style={{ fontSize: 12 }}>
                      {t('fees.meals.correctionLine', {
                        month: c.forMonth,
                        before: c.mealsBefore,
                        after: c.meals,
                        amount: formatYuan(c.amountFen),
                      })}
                    </Typography.Text>
                  ))}
                  <span>
                    {t('fees.meals.total')} <b>{formatYuan(b.totalFen)}</b> ·{' '}
                    {t('fees.family.due', { date: b.dueOn })}
                  </span>
                </Space>
              </List.Item>
            )}
          />
        </Space>
      )}
    </Card>
  );
}
