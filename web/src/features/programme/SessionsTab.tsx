// Sessions of a term (PROG-2) and the daily class-hours they add up to against the school's limits
// (PROG-3). A change over a limit is refused by the server; the form shows why.
import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  TimePicker,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../../src/features/programme/contract';
import { sessionKinds } from '../../../../src/features/programme/rules';
import { del, patch, post } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { FormModal, required } from './FormModal';
import { weekdayLabel, weekdayOptions, weekdaysLabel } from './labels';
import { termUrl, useRefresh, useSessions } from './queries';

interface Values {
  name: string;
  kind: SessionView['kind'];
  weekdays: number[];
  time: [Dayjs, Dayjs];
  classHours: number;
}

function SessionForm({
  termId,
  session,
  open,
  onClose,
}: {
  termId: string;
  session: SessionView | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const refresh = useRefresh();
  const phone = useIsPhone();
  const initial: Partial<Values> = session
    ? {
        ...session,
        time: [dayjs(session.startsAt, 'HH:mm'), dayjs(session.endsAt, 'HH:mm')],
      }
    : { kind: 'afternoon', weekdays: [1, 2, 3, 4, 5], classHours: 2 };
  const submit = async (v: Values) => {
    const body = {
      name: v.name,
      kind: v.kind,
      weekdays: v.weekdays,
      startsAt: v.time[0].format('HH:mm'),
      endsAt: v.time[1].format('HH:mm'),
      classHours: v.classHours,
    };
    const url = `${termUrl(schoolId, termId)}/sessions`;
    await (session ? patch(`${url}/${session.id}`, body) : post(url, body));
    await refresh();
  };
  return (
    <FormModal<Values>
      open={open}
      title={session ? t('programme.session.edit') : t('programme.session.add')}
      initialValues={initial}
      onClose={onClose}
      onSubmit={submit}
    >
      <Form.Item name="name" label={t('programme.session.name')} rules={required(t)}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="kind" label={t('programme.session.kind')} rules={required(t)}>
        <Select options={sessionKinds.map((k) => ({ value: k, label: t(`programme.sessionKind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="weekdays" label={t('programme.session.weekdays')} rules={required(t)}>
        <Checkbox.Group options={weekdayOptions(t)} />
      </Form.Item>
      <Form.Item name="time" label={t('programme.session.time')} rules={required(t)}>
        <TimePicker.RangePicker format="HH:mm" minuteStep={5} inputReadOnly={phone} needConfirm={false} />
      </Form.Item>
      <Form.Item name="classHours" label={t('programme.session.classHours')} rules={required(t)}>
        <InputNumber min={0} max={6} />
      </Form.Item>
    </FormModal>
  );
}

export function SessionsTab({ termId }: { termId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const schoolId = useSchoolId();
  const phone = useIsPhone();
  const writable = useSession().can('programme.write');
  const sessions = useSessions(termId);
  const refresh = useRefresh();
  const [editing, setEditing] = useState<SessionView | null>(null);
  const [adding, setAdding] = useState(false);
  const rows = sessions.data?.items ?? [];
  const limits = sessions.data?.limits;
  const load = (sessions.data?.load ?? []).filter((d) => d.day > 0 || d.weekday <= 5);

  const remove = async (s: SessionView) => {
    try {
      await del(`${termUrl(schoolId, termId)}/sessions/${s.id}`);
      await refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const actions = (s: SessionView) =>
    writable && (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => setEditing(s)}>
          {t('programme.common.edit')}
        </Button>
        <Popconfirm title={t('programme.common.deleteConfirm')} onConfirm={() => remove(s)}>
          <Button type="link" size="small" danger>
            {t('programme.common.delete')}
          </Button>
        </Popconfirm>
      </Space>
    );
  const over = (value: number, limit: number | undefined) =>
    limit !== undefined && value > limit ? <Tag color="red">{value}</Tag> : value;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        size={phone ? 'small' : undefined}
        title={t('programme.tabs.sessions')}
        extra={
          writable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('programme.session.add')}
            </Button>
          )
        }
      >
        {phone ? (
          <List<SessionView>
            loading={sessions.isLoading}
            dataSource={rows}
            locale={{ emptyText: t('programme.session.empty') }}
            renderItem={(s) => (
              <List.Item actions={[actions(s)]}>
                <List.Item.Meta
                  title={
                    <span>
                      {s.name} <Tag>{t(`programme.sessionKind.${s.kind}`)}</Tag>
                    </span>
                  }
                  description={`${weekdaysLabel(t, s.weekdays)} ${s.startsAt}–${s.endsAt} · ${s.classHours} ${t('programme.session.classHours')}`}
                />
              </List.Item>
            )}
          />
        ) : (
          <Table<SessionView>
            rowKey="id"
            loading={sessions.isLoading}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('programme.session.empty') }}
            columns={[
              { title: t('programme.session.name'), dataIndex: 'name' },
              {
                title: t('programme.session.kind'),
                dataIndex: 'kind',
                render: (k: string) => <Tag>{t(`programme.sessionKind.${k}`)}</Tag>,
              },
              {
                title: t('programme.session.weekdays'),
                dataIndex: 'weekdays',
                render: (w: number[]) => weekdaysLabel(t, w),
              },
              {
                title: t('programme.session.time'),
                key: 'time',
                render: (_, s) => `${s.startsAt}–${s.endsAt}`,
              },
              { title: t('programme.session.classHours'), dataIndex: 'classHours' },
              { title: t('common.actions'), key: 'actions', render: (_, s) => actions(s) },
            ]}
          />
        )}
      </Card>
      <Card
        size="small"
        title={t('programme.session.load')}
        extra={phone ? null : t('programme.session.loadHint')}
      >
        <Table
          rowKey="weekday"
          size="small"
          pagination={false}
          dataSource={load}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '', dataIndex: 'weekday', render: (d: number) => weekdayLabel(t, d) },
            {
              title: `${t('programme.sessionKind.noon')} (≤${limits?.noon ?? ''})`,
              dataIndex: 'noon',
              render: (v: number) => over(v, limits?.noon),
            },
            {
              title: `${t('programme.sessionKind.afternoon')} (≤${limits?.afternoon ?? ''})`,
              dataIndex: 'afternoon',
              render: (v: number) => over(v, limits?.afternoon),
            },
            { title: t('programme.sessionKind.evening'), dataIndex: 'evening' },
            { title: t('programme.sessionKind.weekend'), dataIndex: 'weekend' },
            {
              title: `${t('programme.session.day')} (≤${limits?.day ?? ''})`,
              dataIndex: 'day',
              render: (v: number) => <strong>{over(v, limits?.day)}</strong>,
            },
          ]}
        />
      </Card>
      <SessionForm
        termId={termId}
        session={editing}
        open={adding || !!editing}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
      />
    </Space>
  );
}
