// The care teacher's Today (phone first): one card per class with the three tasks of the day
// (roll call, handover, care log) as big buttons, check-in per session, and SAFE-3's emergency
// numbers one tap from a call.
import { PhoneOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Empty, Flex, List, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type ApiError, post } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { errorMessage } from '../../app/ui';
import { HandoverDialog } from './HandoverDialog';
import { type PendingRoll, usePendingRolls } from './offlineRolls';
import { dailyPaths, schoolApi, type TodayClass, type TodayView, useRefreshDaily, useToday } from './queries';
import './daily.css';

export function TodayPage() {
  const { t } = useTranslation();
  const today = useToday();
  const [handover, setHandover] = useState<TodayClass | null>(null);
  if (today.isLoading) return <Spin />;
  if (today.error) return <Alert type="error" title={errorMessage(today.error)} />;
  const data = today.data!;
  return (
    <div className="daily-page">
      <Typography.Title level={3}>
        {t('daily.today.title')} · {data.date}
      </Typography.Title>
      <PendingBanner onSent={() => void today.refetch()} />
      <Duties data={data} />
      {data.classes.length === 0 && <Empty description={t('daily.today.noClasses')} />}
      <Flex vertical gap={12}>
        {data.classes.map((c) => (
          <ClassCard key={c.tempClassId} item={c} date={data.date} onHandover={() => setHandover(c)} />
        ))}
      </Flex>
      <Emergency data={data} />
      {handover && <HandoverDialog item={handover} date={data.date} open onClose={() => setHandover(null)} />}
    </div>
  );
}

function ClassCard({ item, date, onHandover }: { item: TodayClass; date: string; onHandover: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const h = item.handovers;
  const handoverTags = (
    [
      [h.lastPeriodToCare, t('daily.today.first')],
      [h.careToDuty, t('daily.today.last')],
    ] as const
  ).flatMap(([b, label]) =>
    b
      ? [
          {
            label,
            mismatch: b.mismatch,
            text: b.mismatch
              ? t('daily.today.handoverMismatch', { count: b.headCount, expected: b.expectedCount })
              : t('daily.today.handoverOk', { count: b.headCount }),
          },
        ]
      : [],
  );
  return (
    <Card
      title={item.className}
      extra={item.roles.map((r) => <Tag key={r}>{t(`daily.today.roles.${r}`)}</Tag>)}
      data-testid={`today-class-${item.tempClassId}`}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {item.sessionName} {item.startsAt}–{item.endsAt}
          {item.venueName ? ` · ${item.venueName}` : ''} ·{' '}
          {t('daily.today.members', { count: item.memberCount })}
          {item.leaveCount > 0 && (
            <Tag color="orange" style={{ marginLeft: 8 }}>
              {t('daily.today.onLeave', { count: item.leaveCount })}
            </Tag>
          )}
        </Typography.Text>
        <Space wrap>
          <Tag color={item.roll ? 'green' : 'default'}>
            {item.roll
              ? t('daily.today.rollDone', { version: item.roll.version, count: item.roll.presentCount })
              : t('daily.today.rollNone')}
          </Tag>
          {handoverTags.map((tag) => (
            <Tag key={tag.label} color={tag.mismatch ? 'red' : 'blue'}>
              {tag.label} · {tag.text}
            </Tag>
          ))}
          <Tag color={item.careLog ? (item.careLog.complete ? 'green' : 'gold') : 'default'}>
            {item.careLog
              ? item.careLog.complete
                ? t('daily.today.logComplete')
                : t('daily.today.logIncomplete')
              : t('daily.today.logNone')}
          </Tag>
        </Space>
        <div className="daily-actions">
          <Button
            type="primary"
            size="large"
            data-testid="today-roll-call"
            onClick={() => navigate(dailyPaths.roll(item.tempClassId, date))}
          >
            {t('daily.today.rollCall')}
          </Button>
          <Button size="large" data-testid="today-handover" onClick={onHandover}>
            {t('daily.today.handover')}
          </Button>
          <Button
            size="large"
            data-testid="today-care-log"
            onClick={() => navigate(dailyPaths.log(item.tempClassId, date))}
          >
            {t('daily.today.careLog')}
          </Button>
        </div>
      </Space>
    </Card>
  );
}

function Duties({ data }: { data: TodayView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const schoolId = useSchoolId();
  const refresh = useRefreshDaily();
  const [busy, setBusy] = useState<string | null>(null);
  if (data.duties.length === 0) return null;
  const checkIn = async (sessionId: string) => {
    setBusy(sessionId);
    try {
      await post(`${schoolApi(schoolId)}/staff-attendance/check-in`, { sessionId });
      await refresh();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card size="small" title={t('daily.today.duties')} style={{ marginBottom: 12 }}>
      <Flex vertical gap={8}>
        {data.duties.map((d) => (
          <Flex key={d.sessionId} justify="space-between" align="center" gap={8} wrap>
            <span>
              {d.sessionName} {d.startsAt}–{d.endsAt}
            </span>
            {d.attendance ? (
              <Tag
                color={
                  d.attendance.status === 'on_time'
                    ? 'green'
                    : d.attendance.status === 'late'
                      ? 'gold'
                      : 'red'
                }
              >
                {t(`daily.today.checkedIn.${d.attendance.status}`, { minutes: d.attendance.minutesLate })}
              </Tag>
            ) : (
              <Button
                type="primary"
                size="large"
                loading={busy === d.sessionId}
                data-testid={`check-in-${d.sessionId}`}
                onClick={() => checkIn(d.sessionId)}
              >
                {t('daily.today.checkIn')}
              </Button>
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

function Emergency({ data }: { data: TodayView }) {
  const { t } = useTranslation();
  const { contacts, plan } = data.emergency;
  return (
    <Card
      size="small"
      title={t('daily.today.emergency')}
      style={{ marginTop: 12 }}
      className="daily-emergency"
    >
      <List
        dataSource={contacts}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Button
                key="call"
                href={`tel:${c.phone}`}
                icon={<PhoneOutlined />}
                size="large"
                disabled={!c.phone}
              >
                {c.phone}
              </Button>,
            ]}
          >
            <List.Item.Meta title={c.name} description={t(`daily.today.contactLabel.${c.label}`)} />
          </List.Item>
        )}
      />
      <Collapse
        items={[
          {
            key: 'plan',
            label: t('daily.today.plan'),
            children: plan ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{plan}</Typography.Paragraph>
            ) : (
              t('daily.today.noPlan')
            ),
          },
        ]}
      />
    </Card>
  );
}

/** Rolls kept on this phone while offline: shown on Today too, and sent when the network is back. */
function PendingBanner({ onSent }: { onSent: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sent = useCallback(() => {
    message.success(t('daily.roll.sentLater'));
    onSent();
  }, [message, t, onSent]);
  const refused = useCallback(
    (roll: PendingRoll, error: ApiError) => message.error(`${roll.className}: ${error.message}`),
    [message],
  );
  const { pending, flush } = usePendingRolls(sent, refused);
  if (pending.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={`${t('daily.roll.pending')}: ${pending.map((p) => p.className).join('、')}`}
      description={t('daily.roll.pendingHint')}
      action={
        <Button size="large" onClick={() => void flush()}>
          {t('daily.roll.retry')}
        </Button>
      }
    />
  );
}
