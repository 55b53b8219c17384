// STAFF-5 on the teacher's phone: volunteer (自愿报名) for sessions × weekdays of a term, with an
// optional cap on duties a week. Saving replaces the whole set.
import { Alert, Button, Card, Checkbox, Empty, Form, InputNumber, Space, Spin, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { put } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { useIsPhone } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { TermPicker } from '../enrolment/parts';
import { useTermChoice } from '../enrolment/queries';
import { type AvailabilityView, schoolPath, useAvailability, useRefreshDuty } from './RosterApi';

export function AvailabilityPage() {
  const { terms, term, choose, loading } = useTermChoice('running');
  if (loading) return <Spin />;
  if (!term) return <Empty />;
  return (
    <AvailabilityForm
      termId={term.id}
      picker={terms.length > 1 && <TermPicker terms={terms} value={term.id} onChange={choose} />}
    />
  );
}

/** The form itself: the caller's own, or (for the school) a teacher's without a phone at hand. */
export function AvailabilityForm({
  termId,
  userId = 'me',
  picker,
}: {
  termId: string;
  userId?: string;
  picker?: ReactNode;
}) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const availability = useAvailability(termId, userId);
  const refresh = useRefreshDuty();
  const { save, busy } = useSave();
  const [chosen, setChosen] = useState<Record<string, number[]>>({});
  const [max, setMax] = useState<number | null>(null);

  useEffect(() => {
    const data = availability.data;
    if (!data) return;
    const next: Record<string, number[]> = {};
    for (const s of data.slots) next[s.sessionId] = [...(next[s.sessionId] ?? []), s.weekday];
    setChosen(next);
    setMax(data.maxDutiesPerWeek);
  }, [availability.data]);

  const data = availability.data;
  const submit = () =>
    save(
      () =>
        put<AvailabilityView>(`${schoolPath(schoolId)}/terms/${termId}/availability/${userId}`, {
          slots: Object.entries(chosen).flatMap(([sessionId, days]) =>
            days.map((weekday) => ({ sessionId, weekday })),
          ),
          maxDutiesPerWeek: max,
        }),
      () => refresh(),
      undefined,
      t('duty.availability.saved'),
    );

  return (
    <Card
      title={userId === 'me' ? t('duty.availability.title') : data?.name}
      size={phone ? 'small' : undefined}
      extra={picker}
    >
      <Typography.Paragraph type="secondary">{t('duty.availability.hint')}</Typography.Paragraph>
      {availability.error && <Alert type="error" title={(availability.error as Error).message} />}
      {data?.subject && (
        <Typography.Paragraph>
          {t('duty.availability.subject', { subject: data.subject })}
        </Typography.Paragraph>
      )}
      {data && data.sessions.length === 0 && <Empty description={t('duty.availability.noSessions')} />}
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {data?.sessions.map((s) => (
          <Card key={s.id} size="small" title={`${s.name} ${s.startsAt}–${s.endsAt}`}>
            <Checkbox.Group
              value={chosen[s.id] ?? []}
              onChange={(days) => setChosen((c) => ({ ...c, [s.id]: days as number[] }))}
              options={s.weekdays.map((d) => ({ value: d, label: t(`duty.weekday.${d - 1}`) }))}
              style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
            />
          </Card>
        ))}
        <Form layout="vertical">
          <Form.Item label={t('duty.availability.maxPerWeek')}>
            <InputNumber
              min={1}
              max={20}
              value={max}
              onChange={(v) => setMax(v ?? null)}
              style={{ width: 120 }}
            />
          </Form.Item>
        </Form>
        <Button type="primary" block={phone} loading={busy} onClick={submit} disabled={!data}>
          {t('duty.common.save')}
        </Button>
      </Space>
    </Card>
  );
}
