// One student's bill for a term (FEE-4, FEE-6, FEE-7, FEE-11), for finance, the school admin and the
// family alike: what is owed and why (per offering, "180.00 × 4.5 个月 = 810.00"), waivers,
// settlement credits and adjustments, payments with their receipts, refunds and their status, and
// meals apart. Every figure is a sum of the ledger rows listed under it.
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Descriptions, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatYuan } from '../../../../src/features/billing/money';
import { useSession } from '../../app/session';
import { errorMessage } from '../../app/ui';
import { type StudentBill, useStudentBill } from './queries';
import { RecordPaymentForm } from './RecordPaymentForm';

type Stream = StudentBill['service'];

export function StudentBillPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useSession();
  const { termId = '', studentId = '' } = useParams();
  const bill = useStudentBill(termId, studentId);
  const [paying, setPaying] = useState(false);
  const b = bill.data;
  if (bill.isLoading) return <Spin />;
  if (bill.error || !b) return <Alert type="error" title={errorMessage(bill.error)} />;
  return (
    <div data-testid="student-bill">
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
        {can('payment.record') && (
          <Button type="primary" onClick={() => setPaying(true)}>
            {t('bills.bill.record')}
          </Button>
        )}
      </Space>
      <h2 style={{ marginTop: 0 }}>{t('bills.bill.title', { name: b.student.name })}</h2>
      <Typography.Paragraph type="secondary">
        {b.student.classLabel} · {b.term.name}
        {b.bill ? ` · ${t('bills.bill.billNo')} ${b.bill.billNo}` : ''}
      </Typography.Paragraph>
      {!b.bill && <Alert type="info" title={t('bills.bill.notIssued')} style={{ marginBottom: 12 }} />}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <StreamCard title={t('bills.bill.service')} view={b.service} testId="bill-service" />
        {b.meal.entries.length > 0 && (
          <StreamCard title={t('bills.bill.meal')} view={b.meal} testId="bill-meal" />
        )}
        <Card size="small" title={t('bills.bill.payments')}>
          {b.payments.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bills.bill.noLines')} />
          ) : (
            <List
              size="small"
              dataSource={b.payments}
              renderItem={(p) => (
                <List.Item
                  actions={[
                    <Link key="r" to={`/print/receipt/${p.id}`}>
                      <PrinterOutlined /> {t('bills.bill.receipt')}
                    </Link>,
                  ]}
                >
                  <List.Item.Meta
                    title={`${formatYuan(p.amountFen)} · ${t(`bills.method.${p.method}`)} · ${t(`bills.stream.${p.stream}`)}`}
                    description={`${p.receiptNo} · ${dayjs(p.receivedAt).format('YYYY-MM-DD HH:mm')}`}
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
        {b.refunds.length > 0 && (
          <Card size="small" title={t('bills.bill.refunds')}>
            <List
              size="small"
              dataSource={b.refunds}
              renderItem={(r) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        {formatYuan(r.amountFen)}
                        <Tag
                          color={r.status === 'approved' ? 'green' : r.status === 'rejected' ? 'red' : 'gold'}
                        >
                          {t(`bills.bill.refundStatus.${r.status}`)}
                        </Tag>
                      </Space>
                    }
                    description={`${r.reason} · ${dayjs(r.decidedAt ?? r.proposedAt).format('YYYY-MM-DD')}${
                      r.decisionNote ? ` · ${r.decisionNote}` : ''
                    }`}
                  />
                </List.Item>
              )}
            />
          </Card>
        )}
      </Space>
      {paying && (
        <RecordPaymentForm
          open={paying}
          onClose={() => setPaying(false)}
          termId={b.term.id}
          studentId={b.student.id}
          balances={{ service: b.service.totals.balanceFen, meal: b.meal.totals.balanceFen }}
        />
      )}
    </div>
  );
}

function StreamCard({ title, view, testId }: { title: string; view: Stream; testId: string }) {
  const { t } = useTranslation();
  const tot = view.totals;
  const balance = tot.balanceFen;
  const rows: [string, number][] = (
    [
      [t('bills.bill.charged'), tot.chargedFen],
      [t('bills.bill.mealCharged'), tot.mealFen],
      [t('bills.bill.waived'), tot.waivedFen],
      [t('bills.bill.credited'), tot.creditedFen],
      [t('bills.bill.adjusted'), tot.adjustedFen],
      // Paid and paid back read as the money that moved; the balance below is their signed sum.
      [t('bills.bill.paid'), -tot.paidFen],
      [t('bills.bill.payout'), tot.payoutFen],
    ] as [string, number][]
  ).filter(([, v], i) => v !== 0 || i === 0);
  return (
    <Card size="small" title={title} data-testid={testId}>
      {view.offerings.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('bills.bill.offerings')}</Typography.Text>}
          dataSource={view.offerings}
          renderItem={(o) => (
            <List.Item>
              <List.Item.Meta
                title={o.name}
                description={
                  <>
                    <div>{o.summary}</div>
                    {o.waivedFen !== 0 && (
                      <div>
                        {t('bills.bill.waived')} {formatYuan(o.waivedFen)}
                      </div>
                    )}
                    {o.creditedFen !== 0 && (
                      <div>
                        {t('bills.bill.credited')} {formatYuan(o.creditedFen)}
                      </div>
                    )}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Descriptions size="small" column={1} bordered style={{ marginTop: 8 }}>
        {rows.map(([label, value]) => (
          <Descriptions.Item key={label} label={label}>
            {formatYuan(value)}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('bills.bill.balance')}>
          <Typography.Text strong type={balance > 0 ? 'danger' : undefined} data-testid={`${testId}-balance`}>
            {formatYuan(balance)}
          </Typography.Text>{' '}
          <Typography.Text type="secondary">
            {balance > 0
              ? t('bills.bill.owed', { amount: formatYuan(balance) })
              : balance < 0
                ? t('bills.bill.over', { amount: formatYuan(-balance) })
                : t('bills.bill.settled')}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Collapse
        ghost
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'lines',
            label: t('bills.bill.lines', { count: view.entries.length }),
            children: (
              <List
                size="small"
                dataSource={view.entries}
                locale={{ emptyText: t('bills.bill.noLines') }}
                renderItem={(e) => (
                  <List.Item extra={<Typography.Text>{formatYuan(e.amountFen)}</Typography.Text>}>
                    <List.Item.Meta
                      title={
                        <Space wrap size={4}>
                          <Tag>{t(`bills.kind.${e.kind}`)}</Tag>
                          {e.month && <Typography.Text type="secondary">{e.month}</Typography.Text>}
                        </Space>
                      }
                      description={e.reason}
                    />
                  </List.Item>
                )}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
