// ENR-6: a written request to leave, at least N days ahead (the school's setting, 7 by default),
// decided by the school. The server has the last word on the date; its refusal is shown as it says.
import { Alert, Button, Card, DatePicker, Form, Input, List, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView, WithdrawalView } from '../../../../src/features/enrolment/contract';
import { useSchoolId } from '../../app/session';
import { errorMessage } from '../../app/ui';
import { useIdempotentWrite } from './idempotency';
import { WithdrawalStatusTag } from './parts';
import { schoolApi, useRefreshEnrolment } from './queries';

/** The notice the form suggests; the server checks the school's own setting. */
const defaultNoticeDays = 7;

const holdsPlace = new Set(['offered', 'agreed', 'enrolled']);

export function WithdrawalCard({
  application,
  canRequest,
}: {
  application: ApplicationView;
  canRequest: boolean;
}) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const a = application;
  const refresh = useRefreshEnrolment();
  const { send, renew } = useIdempotentWrite();
  const [form] = Form.useForm<{ lineId?: string; reason: string; effectiveOn: Dayjs }>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const pending = a.withdrawals.some((w) => w.status === 'requested');
  const heldLines = a.lines.filter((l) => l.status === 'offered' || l.status === 'accepted');
  const mayRequest = canRequest && holdsPlace.has(a.status) && !pending;
  if (a.withdrawals.length === 0 && !mayRequest) return null;

  const submit = async (values: { lineId?: string; reason: string; effectiveOn: Dayjs }) => {
    setBusy(true);
    setRefusal(null);
    try {
      await send<WithdrawalView>('POST', `${schoolApi(schoolId)}/applications/${a.id}/withdrawals`, {
        ...(values.lineId ? { lineId: values.lineId } : {}),
        reason: values.reason.trim(),
        effectiveOn: values.effectiveOn.format('YYYY-MM-DD'),
      });
      renew();
      form.resetFields();
      setOpen(false);
      refresh();
    } catch (e) {
      setRefusal(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('enrol.withdrawTitle')} data-testid="withdrawal-card">
      {a.withdrawals.length > 0 && (
        <List<WithdrawalView>
          size="small"
          dataSource={a.withdrawals}
          rowKey="id"
          renderItem={(w) => (
            <List.Item>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <WithdrawalStatusTag status={w.status} />
                  <span>{w.offeringName ?? t('enrol.wholeApplication')}</span>
                  <Typography.Text type="secondary">
                    {t('enrol.effectiveOn', { date: w.effectiveOn })}
                  </Typography.Text>
                </Space>
                <Typography.Text>{t('enrol.reason', { reason: w.reason })}</Typography.Text>
                {w.decisionNote && (
                  <Typography.Text type={w.status === 'rejected' ? 'danger' : 'secondary'}>
                    {t('enrol.schoolNote', { note: w.decisionNote })}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      {mayRequest && !open && (
        <Button onClick={() => setOpen(true)} style={{ marginTop: a.withdrawals.length ? 8 : 0 }}>
          {t('enrol.requestWithdrawal')}
        </Button>
      )}
      {mayRequest && open && (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={submit}
          initialValues={{ effectiveOn: dayjs().add(defaultNoticeDays, 'day') }}
        >
          <Typography.Paragraph type="secondary">
            {t('enrol.withdrawHint', { days: defaultNoticeDays })}
          </Typography.Paragraph>
          {heldLines.length > 1 && (
            <Form.Item name="lineId" label={t('enrol.withdrawWhat')}>
              <Select
                allowClear
                placeholder={t('enrol.wholeApplication')}
                options={heldLines.map((l) => ({ value: l.id, label: l.offeringName }))}
              />
            </Form.Item>
          )}
          <Form.Item
            name="reason"
            label={t('enrol.withdrawReason')}
            rules={[{ required: true, whitespace: true, message: t('enrol.reasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
          <Form.Item
            name="effectiveOn"
            label={t('enrol.effectiveDate')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              inputReadOnly
              disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
            />
          </Form.Item>
          {refusal && (
            <Alert
              type="error"
              showIcon
              title={refusal}
              style={{ marginBottom: 12 }}
              data-testid="withdraw-refusal"
            />
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} disabled={busy}>
              {t('enrol.sendWithdrawal')}
            </Button>
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
