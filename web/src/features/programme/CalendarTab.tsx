// The term's calendar (PROG-1): weekday holidays and weekend make-up days, and the resulting count
// of service days. Edited as a list and saved in one go.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Input, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { put } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { useIsPhone } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { weekdayLabel } from './labels';
import { termUrl, useCalendar, useRefresh, useSchoolDays } from './queries';

interface Row {
  date: string;
  kind: 'holiday' | 'makeup';
  followsWeekday: number | null;
  note: string;
}

export function CalendarTab({ termId }: { termId: string }) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const phone = useIsPhone();
  const writable = useSession().can('programme.write');
  const calendar = useCalendar(termId);
  const days = useSchoolDays(termId);
  const refresh = useRefresh();
  const { save, busy } = useSave();
  const [rows, setRows] = useState<Row[]>([]);

  useEffect(() => {
    if (calendar.data) setRows(calendar.data.days);
  }, [calendar.data]);

  const change = (index: number, patch: Partial<Row>) =>
    setRows((list) => list.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const add = (kind: Row['kind']) =>
    setRows((list) => [...list, { date: '', kind, followsWeekday: kind === 'makeup' ? 1 : null, note: '' }]);
  const submit = () =>
    save(
      () => put(`${termUrl(schoolId, termId)}/calendar`, { days: rows.filter((r) => r.date) }),
      () => void refresh(),
    );

  return (
    <Card size={phone ? 'small' : undefined} loading={calendar.isLoading}>
      <Alert type="info" showIcon title={t('programme.calendar.hint')} style={{ marginBottom: 12 }} />
      {days.data && (
        <Typography.Paragraph strong data-testid="school-days">
          {t('programme.calendar.schoolDays', { count: days.data.count })}
        </Typography.Paragraph>
      )}
      {rows.length === 0 && <Empty description={t('programme.calendar.empty')} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        {rows.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows being typed have no key of their own yet
          <Space key={index} wrap align="center">
            <Tag
              color={row.kind === 'holiday' ? 'red' : 'blue'}
              style={{ minWidth: 64, textAlign: 'center' }}
            >
              {t(`programme.calendar.${row.kind}`)}
            </Tag>
            <DatePicker
              value={row.date ? dayjs(row.date) : null}
              onChange={(d) => change(index, { date: d ? d.format('YYYY-MM-DD') : '' })}
              disabled={!writable}
              inputReadOnly={phone}
              aria-label={t('programme.calendar.date')}
            />
            {row.kind === 'makeup' && (
              <Select
                value={row.followsWeekday ?? 1}
                onChange={(v) => change(index, { followsWeekday: v })}
                disabled={!writable}
                style={{ width: 110 }}
                aria-label={t('programme.calendar.follows')}
                options={[1, 2, 3, 4, 5].map((d) => ({ value: d, label: weekdayLabel(t, d) }))}
              />
            )}
            <Input
              value={row.note}
              placeholder={t('programme.calendar.note')}
              onChange={(e) => change(index, { note: e.target.value })}
              disabled={!writable}
              maxLength={60}
              style={{ width: phone ? 180 : 220 }}
            />
            {writable && (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('programme.common.delete')}
                onClick={() => setRows((list) => list.filter((_, i) => i !== index))}
              />
            )}
          </Space>
        ))}
      </Space>
      {writable && (
        <div className="kh-toolbar" style={{ marginTop: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => add('holiday')}>
            {t('programme.calendar.addHoliday')}
          </Button>
          <Button icon={<PlusOutlined />} onClick={() => add('makeup')}>
            {t('programme.calendar.addMakeup')}
          </Button>
          <Button type="primary" loading={busy} onClick={submit}>
            {t('programme.calendar.save')}
          </Button>
        </div>
      )}
    </Card>
  );
}
