// STAFF-5 on the teacher's phone: my published duties for the next four weeks, and a swap request
// to a colleague who is free then (the server lists only those who volunteered and are not booked).
import { App, Button, Card, Empty, Form, Input, List, Modal, Select, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { type MyDuties, schoolPath, useMyDuties, useRefreshDuty, useSwapCandidates } from './RosterApi';

type Duty = MyDuties['items'][number];

function SwapModal({ duty, onClose }: { duty: Duty; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const schoolId = useSchoolId();
  const candidates = useSwapCandidates(duty.id);
  const refresh = useRefreshDuty();
  const [to, setTo] = useState<string>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  // One key per opened form: a double tap or a retry sends the same request once.
  const [key] = useState(() => crypto.randomUUID());
  const send = async () => {
    setBusy(true);
    try {
      await api(
        'POST',
        `${schoolPath(schoolId)}/duty-swaps`,
        { assignmentId: duty.id, toUserId: to, reason },
        { 'Idempotency-Key': key },
      );
      message.success(t('duty.my.requested'));
      refresh();
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const items = candidates.data?.items ?? [];
  return (
    <Modal
      open
      title={t('duty.my.swapTitle')}
      onCancel={onClose}
      onOk={send}
      okButtonProps={{ disabled: !to || !reason.trim(), loading: busy }}
    >
      <Typography.Paragraph>{`${duty.date} ${duty.sessionName} ${duty.className ?? t(`duty.role.${duty.role}`)}`}</Typography.Paragraph>
      {candidates.isLoading ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description={t('duty.my.noCandidates')} />
      ) : (
        <Form layout="vertical">
          <Form.Item label={t('duty.my.colleague')} required>
            <Select
              value={to}
              onChange={setTo}
              options={items.map((c) => ({
                value: c.userId,
                label: c.subject ? `${c.name}（${c.subject}）` : c.name,
              }))}
            />
          </Form.Item>
          <Form.Item label={t('duty.my.reason')} required>
            <Input.TextArea maxLength={300} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export function DutyMyPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const duties = useMyDuties();
  const [swapping, setSwapping] = useState<Duty | null>(null);
  if (duties.isLoading) return <Spin />;
  const items = duties.data?.items ?? [];
  return (
    <Card title={t('duty.my.title')} size={phone ? 'small' : undefined}>
      {items.length === 0 ? (
        <Empty description={t('duty.my.empty')} />
      ) : (
        <List
          dataSource={items}
          renderItem={(d) => (
            <List.Item
              actions={[
                d.swapStatus ? (
                  <Tag key="s" color="orange">
                    {t('duty.my.swapOpen')}
                  </Tag>
                ) : (
                  <Button key="b" size="small" onClick={() => setSwapping(d)}>
                    {t('duty.my.swap')}
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta
                title={`${d.date} ${d.sessionName} ${d.startsAt}–${d.endsAt}`}
                description={
                  <>
                    <Tag color={d.role === 'care' ? 'blue' : d.role === 'duty' ? 'green' : 'purple'}>
                      {t(`duty.role.${d.role}`)}
                    </Tag>
                    {d.className}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      {swapping && <SwapModal duty={swapping} onClose={() => setSwapping(null)} />}
    </Card>
  );
}
