// DAY-1 roll call on a phone: every child with four big toggles (here, late, absent, leave), leave
// already marked from the family's report (DAY-3), live counts, and one save for the whole class.
// A save without a connection waits on the phone ("待发送") and goes when the network is back.
import { PhoneOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, List, Modal, Result, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { type ApiError, get } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { classText, errorMessage } from '../../app/ui';
import {
  dropRoll,
  keepRoll,
  newPendingRoll,
  type PendingRoll,
  sendRoll,
  usePendingRolls,
} from './offlineRolls';
import { classDayApi, dailyPaths, type RollSheet, useRefreshDaily, useRollSheet } from './queries';
import './daily.css';

type Status = 'present' | 'late' | 'absent' | 'leave';
const statuses: Status[] = ['present', 'late', 'absent', 'leave'];
const colors: Record<Status, string> = {
  present: '#52c41a',
  late: '#faad14',
  absent: '#ff4d4f',
  leave: '#1677ff',
};

export function RollCallPage() {
  const { tempClassId = '', date = '' } = useParams();
  const sheet = useRollSheet(tempClassId, date);
  if (sheet.isLoading) return <Spin />;
  if (sheet.error) return <Result status="404" title={errorMessage(sheet.error)} />;
  return <RollCallForm sheet={sheet.data!} reload={() => void sheet.refetch()} />;
}

function RollCallForm({ sheet, reload }: { sheet: RollSheet; reload: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const schoolId = useSchoolId();
  const refresh = useRefreshDaily();
  const url = `${classDayApi(schoolId, sheet.tempClassId, sheet.date)}/roll-call`;
  const pendingId = `${schoolId}|${sheet.tempClassId}|${sheet.date}`;
  const onSent = useCallback(() => {
    message.success(t('daily.roll.sentLater'));
    void refresh();
    reload();
  }, [message, t, refresh, reload]);
  const onRefused = useCallback(
    (roll: PendingRoll, error: ApiError) =>
      message.error(
        `${roll.className}: ${error.code === 'ROLL_CHANGED_MEANWHILE' ? t('daily.roll.conflict') : error.message}`,
      ),
    [message, t],
  );
  const { pending, flush } = usePendingRolls(onSent, onRefused);
  const waiting = pending.find((p) => p.id === pendingId);
  const [marks, setMarks] = useState<Record<string, Status | null>>(() =>
    Object.fromEntries(
      sheet.members.map((m) => [
        m.studentId,
        (waiting?.body.marks.find((x) => x.studentId === m.studentId)?.status ?? m.status) as Status | null,
      ]),
    ),
  );
  const [busy, setBusy] = useState(false);
  const [contact, setContact] = useState<{ name: string; studentId: string } | null>(null);

  const counts = useMemo(() => {
    const c = { present: 0, late: 0, absent: 0, leave: 0, unmarked: 0 };
    for (const s of Object.values(marks)) c[s ?? 'unmarked']++;
    return c;
  }, [marks]);

  const set = (studentId: string, status: Status) => setMarks((m) => ({ ...m, [studentId]: status }));
  const restPresent = () =>
    setMarks((m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v ?? 'present'])));

  const save = async () => {
    if (counts.unmarked > 0) {
      message.warning(t('daily.roll.unmarked', { count: counts.unmarked }));
      return;
    }
    // Kept on the phone first, with its key and the phone's time, so nothing is lost if the
    // connection drops now; the key makes any resend the same save.
    const roll = newPendingRoll(schoolId, sheet.tempClassId, sheet.date, url, sheet.className, {
      marks: sheet.members.map((m) => ({ studentId: m.studentId, status: marks[m.studentId]! })),
      baseVersion: sheet.version ?? 0,
    });
    keepRoll(roll);
    setBusy(true);
    const outcome = await sendRoll<{ version: number }>(roll);
    setBusy(false);
    if (outcome.ok) {
      message.success(t('daily.roll.saved', { version: outcome.answer.version }));
      await refresh();
      navigate(dailyPaths.today);
    } else if ('offline' in outcome) {
      message.warning(t('daily.roll.pendingHint'));
    } else {
      message.error(
        outcome.error.code === 'ROLL_CHANGED_MEANWHILE' ? t('daily.roll.conflict') : outcome.error.message,
      );
    }
  };

  return (
    <div className="daily-page">
      <Typography.Title level={4}>{t('daily.roll.title', { name: sheet.className })}</Typography.Title>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{sheet.date}</Typography.Text>
        <Button type="link" onClick={() => navigate(`/print/roll-call/${sheet.tempClassId}/${sheet.date}`)}>
          {t('daily.print.open')}
        </Button>
      </Flex>
      {sheet.version !== null && (
        <Alert
          style={{ margin: '8px 0' }}
          type="info"
          title={t('daily.roll.correction')}
          description={t('daily.roll.version', {
            version: sheet.version,
            by: sheet.takenBy ?? '',
            at: sheet.markedAt ? dayjs(sheet.markedAt).format('HH:mm') : '',
          })}
        />
      )}
      {waiting && (
        <Alert
          style={{ margin: '8px 0' }}
          type="warning"
          showIcon
          title={<span data-testid="roll-pending">{t('daily.roll.pending')}</span>}
          description={t('daily.roll.pendingHint')}
          action={
            <Space orientation="vertical">
              <Button size="large" onClick={() => void flush()} data-testid="roll-retry">
                {t('daily.roll.retry')}
              </Button>
              <Button size="small" type="link" danger onClick={() => dropRoll(waiting.id)}>
                {t('daily.roll.discard')}
              </Button>
            </Space>
          }
        />
      )}
      <List
        dataSource={sheet.members}
        renderItem={(m) => (
          <div className="roll-row" key={m.studentId} data-testid={`roll-row-${m.studentId}`}>
            <Flex justify="space-between" align="center" gap={8}>
              <span style={{ fontSize: 17 }}>
                {m.name} <Typography.Text type="secondary">{classText(m.grade, m.classNo)}</Typography.Text>
              </span>
              <Button
                type="text"
                icon={<PhoneOutlined />}
                aria-label={t('daily.roll.contact')}
                onClick={() => setContact({ name: m.name, studentId: m.studentId })}
              />
            </Flex>
            {m.leave && <Tag color="blue">{t('daily.roll.leaveReason', { reason: m.leave.reason })}</Tag>}
            <div className="roll-toggles" role="radiogroup" aria-label={m.name}>
              {statuses.map((s) => {
                const on = marks[m.studentId] === s;
                return (
                  <Button
                    key={s}
                    role="radio"
                    aria-checked={on}
                    data-testid={`roll-${s}-${m.studentId}`}
                    type={on ? 'primary' : 'default'}
                    style={on ? { background: colors[s], borderColor: colors[s] } : undefined}
                    onClick={() => set(m.studentId, s)}
                  >
                    {t(`daily.roll.status.${s}`)}
                  </Button>
                );
              })}
            </div>
          </div>
        )}
      />
      <div className="roll-footer">
        <Typography.Paragraph style={{ marginBottom: 8 }} data-testid="roll-counts">
          {t('daily.roll.counts', counts)}
        </Typography.Paragraph>
        <Flex gap={8}>
          <Button size="large" onClick={restPresent} disabled={counts.unmarked === 0} style={{ flex: 1 }}>
            {t('daily.roll.allPresent')}
          </Button>
          <Button
            type="primary"
            size="large"
            loading={busy}
            onClick={save}
            style={{ flex: 2 }}
            data-testid="roll-save"
          >
            {t('daily.roll.save')}
          </Button>
        </Flex>
      </div>
      {contact && (
        <GuardianContacts
          url={`${classDayApi(schoolId, sheet.tempClassId, sheet.date)}/students/${contact.studentId}/guardians`}
          name={contact.name}
          onClose={() => setContact(null)}
        />
      )}
    </div>
  );
}

/** SAFE-2: the family's phones are fetched only when asked for, and the read is audited. */
function GuardianContacts({ url, name, onClose }: { url: string; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<{ name: string; relation: string; phone: string }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<{ items: { name: string; relation: string; phone: string }[] }>(url)
      .then((r) => setItems(r.items))
      .catch((e) => setError(errorMessage(e)));
  }, [url]);
  return (
    <Modal open title={t('daily.roll.contactTitle', { name })} onCancel={onClose} footer={null}>
      <Typography.Paragraph type="secondary">{t('daily.roll.contactNote')}</Typography.Paragraph>
      {error && <Alert type="error" title={error} />}
      {!items && !error && <Spin />}
      {items && items.length === 0 && t('daily.roll.noGuardian')}
      {items?.map((g) => (
        <Flex key={g.phone} justify="space-between" align="center" style={{ padding: '8px 0' }}>
          <span>
            {g.name}（{g.relation}）
          </span>
          <Button size="large" href={`tel:${g.phone}`} icon={<PhoneOutlined />}>
            {g.phone}
          </Button>
        </Flex>
      ))}
    </Modal>
  );
}
