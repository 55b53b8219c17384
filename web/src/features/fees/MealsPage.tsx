// FEE-7 for finance: the counting mode, a month's meal bills (meals, price, amount, corrections,
// due date), issuing the month after it has ended, and the xlsx export. The school admin reads.
import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  List,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../../src/features/billing/money';
import { termMonths } from '../../../../src/features/billing/rules';
import { useSession } from '../../app/session';
import { classText, errorMessage, useIsPhone } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { TermPicker } from '../enrolment/parts';
import { useTermChoice } from '../enrolment/queries';
import { MealOptInPanel } from './MealOptInPanel';
import { type MealBill, useFeeActions, useMealMonth } from './queries';

function Corrections({ bill }: { bill: MealBill }) {
  const { t } = useTranslation();
  if (bill.corrections.length === 0) return null;
  return (
    <Space orientation="vertical" size={0}>
      {bill.corrections.map((c) => (
        <Typography.Text key={c.forMonth} type="secondary" style={{ fontSize: 12 }}>
          {t('fees.meals.correctionLine', {
            month: c.forMonth,
            before: c.mealsBefore,
            after: c.meals,
            amount: formatYuan(c.amountFen),
          })}
        </Typography.Text>
      ))}
    </Space>
  );
}

export function MealsPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const phone = useIsPhone();
  const { can } = useSession();
  const writer = can('billing.write');
  const { terms, term, choose, loading } = useTermChoice('running');
  const months = term ? termMonths(term) : [];
  const lastEnded = [...months].reverse().find((m) => m < dayjs().format('YYYY-MM'));
  const [picked, setPicked] = useState<string | undefined>();
  const month = picked && months.includes(picked) ? picked : (lastEnded ?? months[0]);
  const view = useMealMonth(term?.id, month);
  const actions = useFeeActions();
  const { save, busy } = useSave();
  if (loading) return <Spin />;
  const data = view.data;

  const issue = () => {
    if (!term || !month) return;
    modal.confirm({
      title: t('fees.meals.issue'),
      content: t('fees.meals.issueConfirm', { month }),
      onOk: () =>
        save(
          () => actions.issueMeals(term.id, month),
          () => actions.refresh('meal-month'),
          undefined,
          undefined,
        ),
    });
  };

  return (
    <Card title={t('fees.meals.title')} size={phone ? 'small' : undefined} data-testid="meals-page">
      <Typography.Paragraph type="secondary">
        {t('fees.meals.lead', { days: data?.dueWorkingDays ?? 5 })}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <TermPicker terms={terms} value={term?.id} onChange={choose} />
        <Select
          aria-label={t('fees.meals.month')}
          value={month}
          onChange={setPicked}
          options={months.map((m) => ({ value: m, label: m }))}
          style={{ minWidth: 120 }}
        />
      </Space>
      {view.error ? <Alert type="error" title={errorMessage(view.error)} /> : null}
      {!term && <Empty />}
      {data && (
        <>
          <Descriptions size="small" column={phone ? 1 : 2} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('fees.meals.counting')}>
              <Tag color="blue">{t(`fees.meals.countings.${data.counting}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('fees.meals.price')}>
              {formatYuan(data.priceFen)} {t('fees.yuan')}
            </Descriptions.Item>
            <Descriptions.Item label={t('fees.meals.dueOn')}>{data.dueOn}</Descriptions.Item>
            <Descriptions.Item label={t('fees.meals.month')}>
              {t('fees.meals.counted', { students: data.counted.students, meals: data.counted.meals })}
            </Descriptions.Item>
          </Descriptions>
          <Space wrap style={{ marginBottom: 12 }}>
            {writer && (
              <Button type="primary" onClick={issue} loading={busy} disabled={!data.ended}>
                {t('fees.meals.issue')}
              </Button>
            )}
            {term && month && (
              <Button
                icon={<DownloadOutlined />}
                href={actions.exportUrl(term.id, month)}
                disabled={data.items.length === 0}
              >
                {t('fees.meals.export')}
              </Button>
            )}
            <Typography.Text strong>
              {t('fees.meals.sum', { total: formatYuan(data.totalFen) })}
            </Typography.Text>
          </Space>
          {!data.ended && (
            <Alert type="info" showIcon title={t('fees.meals.notEnded')} style={{ marginBottom: 12 }} />
          )}
          {phone ? (
            <List
              dataSource={data.items}
              locale={{ emptyText: t('fees.meals.empty') }}
              renderItem={(b) => (
                <List.Item key={b.id}>
                  <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                    <span>
                      <b>{b.studentName}</b> {classText(b.grade, b.classNo)}
                    </span>
                    <span>
                      {b.meals} × {formatYuan(b.priceFen)} = {formatYuan(b.amountFen)}
                      {b.totalFen !== b.amountFen && ` → ${formatYuan(b.totalFen)}`}
                    </span>
                    <Corrections bill={b} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {b.billNo} · {t('fees.meals.dueOn')} {b.dueOn}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          ) : (
            <Table<MealBill>
              size="small"
              rowKey="id"
              dataSource={data.items}
              locale={{ emptyText: t('fees.meals.empty') }}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: t('fees.meals.billNo'), dataIndex: 'billNo' },
                {
                  title: t('fees.meals.class'),
                  key: 'class',
                  render: (_, b) => classText(b.grade, b.classNo),
                },
                { title: t('fees.meals.student'), dataIndex: 'studentName' },
                { title: t('fees.meals.meals'), dataIndex: 'meals', align: 'right' },
                { title: t('fees.meals.price'), dataIndex: 'priceFen', align: 'right', render: formatYuan },
                { title: t('fees.meals.amount'), dataIndex: 'amountFen', align: 'right', render: formatYuan },
                {
                  title: t('fees.meals.correction'),
                  key: 'correction',
                  render: (_, b) => <Corrections bill={b} />,
                },
                { title: t('fees.meals.total'), dataIndex: 'totalFen', align: 'right', render: formatYuan },
                { title: t('fees.meals.dueOn'), dataIndex: 'dueOn' },
              ]}
            />
          )}
          {writer && term && data.counting === 'opt_in' && <MealOptInPanel termId={term.id} />}
        </>
      )}
    </Card>
  );
}
