// Finance's payments: the term's payments (cash, transfer, online) with filters, a total and the
// Excel export; recording one; each with its printable receipt. The school admin reads it, and
// sets the online provider's notification secret here (write-only) and sees the notification log.
import { DownloadOutlined, PrinterOutlined, WalletOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatYuan } from '../../../../src/features/billing/money';
import { useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { TermPicker } from '../enrolment/parts';
import { useTermChoice } from '../enrolment/queries';
import {
  type PaymentView,
  termPaymentsUrl,
  useBillingActions,
  usePaymentNotifications,
  usePaymentSecret,
  usePayments,
  useTermBills,
} from './queries';
import { RecordPaymentForm } from './RecordPaymentForm';

export function PaymentsPage() {
  const { t } = useTranslation();
  const { can, school } = useSession();
  const phone = useIsPhone();
  const { terms, term, choose, loading, error } = useTermChoice('running');
  const [method, setMethod] = useState<string | undefined>();
  const [stream, setStream] = useState<string | undefined>();
  const [paying, setPaying] = useState(false);
  const list = usePayments(term?.id, { method, stream });
  const canRecord = can('payment.record');
  const students = useTermBills(canRecord ? term?.id : undefined, { stream: 'service', status: 'all' });
  if (loading) return <Spin />;
  if (error) return <Alert type="error" title={errorMessage(error)} />;
  const items = list.data?.items ?? [];
  const filter = new URLSearchParams();
  if (method) filter.set('method', method);
  if (stream) filter.set('stream', stream);
  const columns = [
    {
      title: t('bills.payments.col.receiptNo'),
      dataIndex: 'receiptNo',
      key: 'receiptNo',
      render: (no: string, p: PaymentView) => (
        <Link to={`/print/receipt/${p.id}`}>
          <PrinterOutlined /> {no}
        </Link>
      ),
    },
    {
      title: t('bills.payments.col.student'),
      key: 'student',
      render: (_: unknown, p: PaymentView) => (
        <Link to={`/billing/bills/${p.termId}/${p.studentId}`}>
          {p.studentName}
          {phone ? <Typography.Text type="secondary"> · {p.classLabel}</Typography.Text> : null}
        </Link>
      ),
    },
    {
      title: t('bills.payments.col.amount'),
      key: 'amount',
      align: 'right' as const,
      render: (_: unknown, p: PaymentView) => formatYuan(p.amountFen),
    },
    ...(phone
      ? []
      : [
          { title: t('bills.payments.col.class'), dataIndex: 'classLabel', key: 'class' },
          {
            title: t('bills.payments.col.stream'),
            key: 'stream',
            render: (_: unknown, p: PaymentView) => t(`bills.stream.${p.stream}`),
          },
          {
            title: t('bills.payments.col.method'),
            key: 'method',
            render: (_: unknown, p: PaymentView) => <Tag>{t(`bills.method.${p.method}`)}</Tag>,
          },
          { title: t('bills.payments.col.reference'), dataIndex: 'reference', key: 'reference' },
          {
            title: t('bills.payments.col.receivedAt'),
            key: 'receivedAt',
            render: (_: unknown, p: PaymentView) => dayjs(p.receivedAt).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: t('bills.payments.col.recordedBy'),
            key: 'recordedBy',
            render: (_: unknown, p: PaymentView) => p.recordedBy ?? t('bills.payments.byNotification'),
          },
        ]),
  ];
  return (
    <div>
      <h2 style={{ marginTop: 0 }}>
        <WalletOutlined /> {t('bills.payments.title')}
      </h2>
      <Typography.Paragraph type="secondary">{t('bills.payments.lead')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <TermPicker terms={terms} value={term?.id} onChange={choose} />
        {canRecord && term && (
          <Button type="primary" onClick={() => setPaying(true)} data-testid="open-record-payment">
            {t('bills.payments.record')}
          </Button>
        )}
        {term && (
          <Button
            icon={<DownloadOutlined />}
            href={`${termPaymentsUrl(school?.id ?? '', term.id)}/export?${filter}`}
          >
            {t('bills.export')}
          </Button>
        )}
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('bills.payments.col.method')}
          value={method}
          onChange={setMethod}
          style={{ minWidth: 120 }}
          options={(['cash', 'transfer', 'online'] as const).map((m) => ({
            value: m,
            label: t(`bills.method.${m}`),
          }))}
        />
        <Select
          allowClear
          placeholder={t('bills.payments.col.stream')}
          value={stream}
          onChange={setStream}
          style={{ minWidth: 120 }}
          options={(['service', 'meal'] as const).map((s) => ({ value: s, label: t(`bills.stream.${s}`) }))}
        />
      </Space>
      {list.error ? <Alert type="error" title={errorMessage(list.error)} /> : null}
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={items}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        data-testid="payments-table"
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('bills.payments.total', { amount: formatYuan(list.data?.totalFen ?? 0), count: items.length })}
      </Typography.Paragraph>
      {can('notifyChannel.write') && <SecretCard />}
      {canRecord && <NotificationLog />}
      {term && paying && (
        <RecordPaymentForm
          open={paying}
          onClose={() => setPaying(false)}
          termId={term.id}
          students={students.data?.items ?? []}
        />
      )}
    </div>
  );
}

function SecretCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const state = usePaymentSecret(true);
  const actions = useBillingActions();
  const [form] = Form.useForm<{ secret: string }>();
  const [busy, setBusy] = useState(false);
  const save = async ({ secret }: { secret: string }) => {
    setBusy(true);
    try {
      await actions.setSecret(secret);
      form.resetFields();
      message.success(t('common.saved'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('bills.secret.title')} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('bills.secret.lead')}</Typography.Paragraph>
      <Typography.Paragraph>
        {state.data?.secretSet
          ? t('bills.secret.set', { at: dayjs(state.data.updatedAt).format('YYYY-MM-DD HH:mm') })
          : t('bills.secret.unset')}
      </Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={save}>
        <Form.Item name="secret" rules={[{ required: true, min: 16, max: 200 }]} style={{ minWidth: 240 }}>
          <Input.Password autoComplete="new-password" placeholder={t('bills.secret.input')} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('bills.secret.save')}
        </Button>
      </Form>
    </Card>
  );
}

function NotificationLog() {
  const { t } = useTranslation();
  const log = usePaymentNotifications(true);
  const items = log.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" title={t('bills.secret.notifications')} style={{ marginTop: 16 }}>
      <Table
        rowKey="id"
        size="small"
        dataSource={items}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('bills.payments.col.receivedAt'),
            key: 'at',
            render: (_: unknown, n) => dayjs(n.receivedAt).format('YYYY-MM-DD HH:mm:ss'),
          },
          { title: t('bills.payments.col.reference'), dataIndex: 'providerRef', key: 'ref' },
          {
            title: '',
            key: 'outcome',
            render: (_: unknown, n) => (
              <Tag color={n.outcome === 'accepted' ? 'green' : n.outcome === 'duplicate' ? 'default' : 'red'}>
                {t(`bills.secret.outcome.${n.outcome}`, { defaultValue: n.outcome })}
              </Tag>
            ),
          },
          { title: '', dataIndex: 'detail', key: 'detail' },
        ]}
      />
    </Card>
  );
}
