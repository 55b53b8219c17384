// DAY-3 leave: a parent reports absence for a child (a day or a range, one session or all) and
// cancels it before the day; a class teacher or the school enters it for a family. The list shows
// the leave the caller's reach covers.
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Popconfirm,
  Select,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { classText, errorMessage } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { useSessions, useTerms } from '../enrolment/queries';
import { useStudents } from '../people/queries';
import { type LeaveList, schoolApi, useLeave, useRefreshDaily } from './queries';
import './daily.css';

interface Values {
  studentId: string;
  dates: [Dayjs, Dayjs];
  sessionId?: string;
  reason: string;
}

export function LeavePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const schoolId = useSchoolId();
  const refresh = useRefreshDaily();
  const { save, busy } = useSave();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  // A parent's reach is their own children; a class teacher's their class; the school searches.
  const students = useStudents({ q: search || undefined, pageSize: 50 });
  const from = dayjs().format('YYYY-MM-DD');
  const leave = useLeave({ from: dayjs().subtract(30, 'day').format('YYYY-MM-DD') });
  // The sessions of the term the chosen dates fall in (today's term before dates are chosen).
  const dates = Form.useWatch('dates', form);
  const day = dates?.[0]?.format('YYYY-MM-DD') ?? from;
  const terms = useTerms();
  const term =
    (terms.data ?? []).find((x) => x.startsOn <= day && day <= x.endsOn) ??
    [...(terms.data ?? [])].sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0];
  const sessions = useSessions(term?.id);

  const submit = async (v: Values) => {
    const ok = await save(
      () =>
        post(`${schoolApi(schoolId)}/leave`, {
          studentId: v.studentId,
          fromDate: v.dates[0].format('YYYY-MM-DD'),
          toDate: v.dates[1].format('YYYY-MM-DD'),
          reason: v.reason,
          ...(v.sessionId ? { sessionId: v.sessionId } : {}),
        }),
      () => undefined,
      form,
      t('daily.leave.saved'),
    );
    if (ok) {
      form.resetFields(['dates', 'sessionId', 'reason']);
      await refresh();
    }
  };

  const cancel = async (id: string) => {
    try {
      await post(`${schoolApi(schoolId)}/leave/${id}/cancel`);
      message.success(t('daily.leave.cancelled'));
      await refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <div className="daily-page">
      <Typography.Title level={3}>{t('daily.leave.title')}</Typography.Title>
      <Card title={t('daily.leave.report')} style={{ marginBottom: 12 }}>
        <Form form={form} layout="vertical" size="large" onFinish={submit}>
          <Form.Item name="studentId" label={t('daily.leave.student')} rules={[{ required: true }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch }}
              placeholder={t('daily.leave.searchStudent')}
              options={(students.data?.items ?? []).map((s) => ({
                value: s.id,
                label: `${s.name} ${classText(s.grade, s.classNo)}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="dates" label={t('daily.leave.dates')} rules={[{ required: true }]}>
            <DatePicker.RangePicker
              inputReadOnly
              style={{ width: '100%' }}
              disabledDate={(d) => d.format('YYYY-MM-DD') < from}
            />
          </Form.Item>
          <Form.Item name="sessionId" label={t('daily.leave.session')}>
            <Select
              allowClear
              placeholder={t('daily.leave.allSessions')}
              options={(sessions.data ?? []).map((x) => ({
                value: x.id,
                label: `${x.name} ${x.startsAt}–${x.endsAt}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('daily.leave.reason')} rules={[{ required: true, max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={busy}
            data-testid="leave-submit"
          >
            {t('daily.leave.submit')}
          </Button>
        </Form>
      </Card>
      <LeaveItems items={leave.data?.items ?? []} today={from} onCancel={cancel} />
    </div>
  );
}

function LeaveItems({
  items,
  today,
  onCancel,
}: {
  items: LeaveList['items'];
  today: string;
  onCancel: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return <Empty description={t('daily.leave.none')} />;
  return (
    <List
      dataSource={items}
      renderItem={(l) => (
        <List.Item
          actions={
            l.status === 'reported' && l.fromDate > today
              ? [
                  <Popconfirm key="c" title={t('daily.leave.cancelConfirm')} onConfirm={() => onCancel(l.id)}>
                    <Button size="large">{t('daily.leave.cancel')}</Button>
                  </Popconfirm>,
                ]
              : []
          }
        >
          <List.Item.Meta
            title={
              <span>
                {l.studentName}{' '}
                <Tag color={l.status === 'reported' ? 'blue' : 'default'}>
                  {t(`daily.leave.status.${l.status}`)}
                </Tag>
                {l.onBehalf && <Tag>{t('daily.leave.onBehalf')}</Tag>}
              </span>
            }
            description={`${l.fromDate}${l.toDate !== l.fromDate ? ` – ${l.toDate}` : ''} · ${
              l.sessionName ?? t('daily.leave.allSessions')
            } · ${l.reason}`}
          />
        </List.Item>
      )}
    />
  );
}
