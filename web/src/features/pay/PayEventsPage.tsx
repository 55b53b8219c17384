// 失职、安全事故与师德 (PAY-4, PAY-5): the school admin enters an event against a teacher; entries
// are never edited, a mistake is withdrawn with the reason.
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  List,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { useStaff } from '../people/queries';
import { useTerms } from '../programme/queries';
import { paySchoolUrl, payTerm, usePayEvents, useRefreshPay } from './queries';

interface Values {
  userId: string;
  kind: 'dereliction' | 'safety' | 'ethics';
  date: Dayjs;
  note: string;
}

function Withdraw({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const refresh = useRefreshPay();
  const { save, busy } = useSave();
  const [reason, setReason] = useState('');
  return (
    <Popconfirm
      title={
        <Input
          aria-label={t('pay.events.withdrawReason')}
          placeholder={t('pay.events.withdrawReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      }
      okButtonProps={{ disabled: !reason.trim() }}
      onConfirm={() =>
        save(
          () => api('POST', `${paySchoolUrl(schoolId)}/pay-events/${eventId}/withdraw`, { reason }),
          refresh,
        )
      }
    >
      <Button size="small" loading={busy}>
        {t('pay.events.withdraw')}
      </Button>
    </Popconfirm>
  );
}

export function PayEventsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const schoolId = useSchoolId();
  const phone = useIsPhone();
  const terms = useTerms();
  const list = terms.data?.items ?? [];
  const [termId, setTermId] = useState<string>();
  useEffect(() => {
    if (!termId && list.length) setTermId(payTerm(list)?.id);
  }, [termId, list]);
  const staff = useStaff().data ?? [];
  const events = usePayEvents(termId);
  const refresh = useRefreshPay();
  const { save, busy } = useSave();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) =>
    save(
      () =>
        api('POST', `${paySchoolUrl(schoolId)}/pay-events`, {
          termId,
          userId: v.userId,
          kind: v.kind,
          date: v.date.format('YYYY-MM-DD'),
          note: v.note,
        }),
      () => {
        form.resetFields();
        refresh();
      },
      form,
      t('pay.events.recorded'),
    );
  return (
    <Card size={phone ? 'small' : undefined} title={t('pay.events.title')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('pay.events.hint')}</Typography.Paragraph>
        <Select
          aria-label={t('pay.term')}
          value={termId}
          onChange={setTermId}
          style={{ minWidth: 200 }}
          options={list.map((x) => ({ value: x.id, label: x.name }))}
        />
        {can('pay.event.write') && termId && (
          <Form form={form} layout={phone ? 'vertical' : 'inline'} onFinish={submit}>
            <Form.Item name="userId" label={t('pay.events.person')} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                style={{ minWidth: 160 }}
                options={staff
                  .filter((s) => !s.disabled)
                  .map((s) => ({ value: s.userId, label: s.displayName }))}
              />
            </Form.Item>
            <Form.Item name="kind" label={t('pay.events.kind')} rules={[{ required: true }]}>
              <Select
                style={{ minWidth: 120 }}
                options={(['dereliction', 'safety', 'ethics'] as const).map((k) => ({
                  value: k,
                  label: t(`pay.events.kinds.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="date" label={t('pay.events.date')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item
              name="note"
              label={t('pay.events.note')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={500} style={{ minWidth: 200 }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('pay.events.record')}
              </Button>
            </Form.Item>
          </Form>
        )}
        {events.error && <Alert type="error" title={errorMessage(events.error)} />}
        <List
          loading={events.isLoading}
          dataSource={events.data?.items ?? []}
          rowKey="id"
          locale={{ emptyText: t('pay.events.empty') }}
          renderItem={(e) => (
            <List.Item
              extra={!e.withdrawal && can('pay.event.write') ? <Withdraw eventId={e.id} /> : undefined}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <Tag color={e.withdrawal ? undefined : 'red'}>{t(`pay.events.kinds.${e.kind}`)}</Tag>
                    <span style={{ textDecoration: e.withdrawal ? 'line-through' : undefined }}>
                      {e.userName} · {e.date}
                    </span>
                  </Space>
                }
                description={
                  <>
                    {e.note}
                    {e.withdrawal && (
                      <div>
                        <Typography.Text type="secondary">
                          {t('pay.events.withdrawn', { reason: e.withdrawal.reason })}
                        </Typography.Text>
                      </div>
                    )}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Space>
    </Card>
  );
}
