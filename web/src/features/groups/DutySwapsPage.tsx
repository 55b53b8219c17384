// STAFF-5: swap requests. The colleague asked accepts or declines, the asker may withdraw, and the
// school approves or rejects an accepted swap; each sees the buttons for their own part only.
import { App, Button, Card, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { swapStatuses } from '../../../../src/features/groups/duty-rules';
import type { SwapView } from '../../../../src/features/groups/roster-contract';
import { post } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { schoolPath, useRefreshDuty, useSwaps } from './RosterApi';

type Event = 'accept' | 'decline' | 'approve' | 'reject' | 'cancel';
const color = {
  requested: 'gold',
  accepted: 'blue',
  approved: 'green',
  rejected: 'red',
  cancelled: 'default',
} as const;

export function DutySwapsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const { me, can } = useSession();
  const [status, setStatus] = useState<string | undefined>();
  const swaps = useSwaps(status);
  const refresh = useRefreshDuty();
  const [asking, setAsking] = useState<{ swap: SwapView; event: Event } | null>(null);
  const [note, setNote] = useState('');
  const isSchool = can('duty.write');

  const send = async (swap: SwapView, event: Event, text = '') => {
    try {
      await post(`${schoolPath(schoolId)}/duty-swaps/${swap.id}/events`, { event, note: text });
      message.success(t('duty.swaps.done'));
      setAsking(null);
      setNote('');
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const actions = (s: SwapView) => {
    const mine = (who: string) => who === me?.user.id;
    const buttons: { event: Event; primary?: boolean; danger?: boolean; withNote?: boolean }[] = [];
    if (s.status === 'requested' && mine(s.toUserId))
      buttons.push({ event: 'accept', primary: true }, { event: 'decline', withNote: true });
    if ((s.status === 'requested' || s.status === 'accepted') && mine(s.fromUserId))
      buttons.push({ event: 'cancel' });
    if (s.status === 'accepted' && isSchool)
      buttons.push({ event: 'approve', primary: true }, { event: 'reject', danger: true, withNote: true });
    return (
      <Space wrap size={4}>
        {buttons.map((b) => (
          <Button
            key={b.event}
            size="small"
            type={b.primary ? 'primary' : 'default'}
            danger={b.danger}
            onClick={() => (b.withNote ? setAsking({ swap: s, event: b.event }) : send(s, b.event))}
          >
            {t(`duty.swaps.${b.event}`)}
          </Button>
        ))}
      </Space>
    );
  };

  return (
    <Card
      title={t('duty.swaps.title')}
      size={phone ? 'small' : undefined}
      extra={
        <Select
          allowClear
          value={status}
          onChange={setStatus}
          style={{ minWidth: 140 }}
          placeholder={t('duty.outside.status')}
          options={swapStatuses.map((s) => ({ value: s, label: t(`duty.swaps.status.${s}`) }))}
        />
      }
    >
      <Table
        size="small"
        rowKey="id"
        loading={swaps.isLoading}
        dataSource={swaps.data?.items ?? []}
        scroll={{ x: 720 }}
        pagination={{ pageSize: 50 }}
        columns={[
          {
            title: t('duty.swaps.duty'),
            key: 'duty',
            render: (_, s) => `${s.date} ${s.sessionName} ${s.className ?? t(`duty.role.${s.role}`)}`,
          },
          { title: t('duty.swaps.from'), dataIndex: 'fromName' },
          { title: t('duty.swaps.to'), dataIndex: 'toName' },
          { title: t('duty.my.reason'), dataIndex: 'reason' },
          {
            title: t('duty.outside.status'),
            dataIndex: 'status',
            render: (v: SwapView['status']) => <Tag color={color[v]}>{t(`duty.swaps.status.${v}`)}</Tag>,
          },
          { title: t('duty.common.note'), dataIndex: 'decisionNote' },
          { title: t('duty.common.actions'), key: 'a', render: (_, s) => actions(s) },
        ]}
      />
      <Modal
        open={!!asking}
        title={asking ? t(`duty.swaps.${asking.event}`) : ''}
        onCancel={() => setAsking(null)}
        onOk={() => asking && send(asking.swap, asking.event, note)}
      >
        <Input.TextArea
          maxLength={300}
          placeholder={t('duty.common.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
