// Finance records a payment (cash, transfer, online with its reference). The amount is typed in
// yuan and sent as whole fen (parseYuan: a fraction of a fen is refused here and on the server).
// One Idempotency-Key per payment being entered: a retry after a lost answer records it once.
import { Alert, App, Button, Drawer, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatYuan, parseYuan } from '../../../../src/features/billing/money';
import { applyFieldErrors, errorMessage, useIsPhone } from '../../app/ui';
import { type BillListRow, type PaymentView, useBillingActions } from './queries';

interface Values {
  studentId: string;
  stream: 'service' | 'meal';
  method: 'cash' | 'transfer' | 'online';
  amount: string;
  reference?: string;
  note?: string;
}

const newKey = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

export function RecordPaymentForm({
  open,
  onClose,
  termId,
  students,
  studentId,
  balances,
}: {
  open: boolean;
  onClose: () => void;
  termId: string;
  /** The students to choose from (the term's bills list); absent when the student is fixed. */
  students?: BillListRow[];
  studentId?: string;
  /** What is outstanding per stream for a fixed student. */
  balances?: { service: number; meal: number };
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const actions = useBillingActions();
  const [form] = Form.useForm<Values>();
  const [key, setKey] = useState(newKey);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PaymentView | null>(null);
  const method = Form.useWatch('method', form);
  const chosen = Form.useWatch('studentId', form);
  const stream = Form.useWatch('stream', form) ?? 'service';
  const row = students?.find((s) => s.student.id === chosen);
  const outstanding = balances ? balances[stream] : stream === 'service' ? row?.balanceFen : undefined;
  const options = useMemo(
    () =>
      (students ?? []).map((s) => ({
        value: s.student.id,
        label: `${s.student.name} · ${s.student.classLabel} · ${s.student.studentNo}`,
      })),
    [students],
  );

  const submit = async (v: Values) => {
    const amountFen = parseYuan(v.amount);
    if (amountFen === null || amountFen <= 0) {
      form.setFields([{ name: 'amount', errors: [t('bills.form.amountInvalid')] }]);
      return;
    }
    setBusy(true);
    try {
      const paid = await actions.record(
        {
          termId,
          studentId: studentId ?? v.studentId,
          stream: v.stream,
          method: v.method,
          amountFen,
          ...(v.reference ? { reference: v.reference } : {}),
          note: v.note ?? '',
        },
        key,
      );
      message.success(t('bills.form.saved', { receiptNo: paid.receiptNo }));
      setDone(paid);
      setKey(newKey());
      form.resetFields(['amount', 'reference', 'note']);
    } catch (e) {
      if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={() => {
        setDone(null);
        onClose();
      }}
      title={t('bills.form.title')}
      size={phone ? '100%' : 480}
      destroyOnHidden
    >
      {done && (
        <Alert
          type="success"
          style={{ marginBottom: 12 }}
          title={t('bills.form.saved', { receiptNo: done.receiptNo })}
          action={<Link to={`/print/receipt/${done.id}`}>{t('bills.form.printReceipt')}</Link>}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={() => setDone(null)}
        initialValues={{ stream: 'service', method: 'cash', studentId }}
        data-testid="record-payment-form"
      >
        {!studentId && (
          <Form.Item name="studentId" label={t('bills.form.student')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={options}
              placeholder={t('bills.form.studentPlaceholder')}
            />
          </Form.Item>
        )}
        <Form.Item name="stream" label={t('bills.form.stream')}>
          <Radio.Group
            options={(['service', 'meal'] as const).map((s) => ({ value: s, label: t(`bills.stream.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="method" label={t('bills.form.method')}>
          <Radio.Group
            options={(['cash', 'transfer', 'online'] as const).map((m) => ({
              value: m,
              label: t(`bills.method.${m}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('bills.form.amount')}
          extra={
            outstanding !== undefined ? (
              <Typography.Text type="secondary">
                {t('bills.form.outstanding', { amount: formatYuan(Math.max(0, outstanding)) })}
              </Typography.Text>
            ) : null
          }
          rules={[
            { required: true, message: t('bills.form.amountInvalid') },
            {
              validator: (_, value: string | undefined) => {
                if (!value) return Promise.resolve();
                const fen = parseYuan(value);
                return fen !== null && fen > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('bills.form.amountInvalid')));
              },
            },
          ]}
        >
          <Input inputMode="decimal" prefix="¥" autoComplete="off" data-testid="payment-amount" />
        </Form.Item>
        <Form.Item
          name="reference"
          label={t('bills.form.reference')}
          rules={[
            {
              required: method !== undefined && method !== 'cash',
              message: t('bills.form.referenceRequired'),
            },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label={t('bills.form.note')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="payment-submit">
            {t('bills.form.submit')}
          </Button>
        </Space>
      </Form>
    </Drawer>
  );
}
