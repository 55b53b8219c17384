// DAY-7 for the school: the roll of staff per session and day (check-ins, absences written when
// the day closes), and rulings (an absence with or without reason, a correction) kept as versions.
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { type StaffAttendanceList, schoolApi, useRefreshDaily, useStaffAttendance } from './queries';

type Row = StaffAttendanceList['items'][number];

export function StaffAttendancePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const refresh = useRefreshDaily();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(6, 'day'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const list = useStaffAttendance(from, to);
  const [ruling, setRuling] = useState<Row | null>(null);

  const closeDay = async () => {
    try {
      const r = await post<{ written: number }>(`${schoolApi(schoolId)}/staff-attendance/close`, {
        date: to,
      });
      message.success(t('daily.staff.closed', { count: r.written }));
      await refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const statusTag = (r: Row) => (
    <Space size={4} wrap>
      <Tag color={r.status === 'on_time' ? 'green' : r.status === 'late' ? 'gold' : 'red'}>
        {t(`daily.staff.status.${r.status}`)}
      </Tag>
      {r.status === 'late' && t('daily.staff.minutesLate', { minutes: r.minutesLate })}
      {r.status === 'absent' && (r.excused ? t('daily.staff.excused') : t('daily.staff.unexcused'))}
    </Space>
  );
  const columns: ColumnsType<Row> = [
    { title: t('daily.staff.date'), dataIndex: 'date' },
    { title: t('daily.staff.session'), dataIndex: 'sessionName', responsive: ['md'] },
    { title: t('daily.staff.person'), dataIndex: 'userName' },
    { title: t('daily.staff.statusTitle'), render: (_, r) => statusTag(r) },
    { title: t('daily.staff.reason'), dataIndex: 'reason', responsive: ['md'] },
    {
      title: '',
      render: (_, r) => (
        <Space size={4}>
          <Typography.Text type="secondary">{t(`daily.staff.source.${r.source}`)}</Typography.Text>
          <Button size="small" onClick={() => setRuling(r)}>
            {t('daily.staff.rule')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <Typography.Title level={3}>{t('daily.staff.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          inputReadOnly
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
        <Button onClick={closeDay}>{t('daily.staff.close')}</Button>
      </Space>
      <Table
        rowKey="id"
        size={phone ? 'small' : 'middle'}
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50 }}
      />
      {ruling && <RulingDialog row={ruling} onClose={() => setRuling(null)} />}
    </div>
  );
}

function RulingDialog({ row, onClose }: { row: Row; onClose: () => void }) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const refresh = useRefreshDaily();
  const { save, busy } = useSave();
  const [form] = Form.useForm<{ status: Row['status']; excused: boolean; reason: string }>();
  const status = Form.useWatch('status', form);
  const submit = async (v: { status: Row['status']; excused: boolean; reason: string }) => {
    const ok = await save(
      () =>
        post(`${schoolApi(schoolId)}/staff-attendance/rulings`, {
          date: row.date,
          sessionId: row.sessionId,
          userId: row.userId,
          status: v.status,
          excused: v.excused,
          reason: v.reason ?? '',
        }),
      () => undefined,
      form,
      t('daily.staff.saved'),
    );
    if (ok) {
      await refresh();
      onClose();
    }
  };
  return (
    <Modal
      open
      title={t('daily.staff.ruleTitle', { name: row.userName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ status: row.status, excused: row.excused ?? false, reason: row.reason }}
        onFinish={submit}
      >
        <Form.Item name="status">
          <Radio.Group optionType="button" buttonStyle="solid">
            {(['on_time', 'late', 'absent'] as const).map((s) => (
              <Radio.Button key={s} value={s}>
                {t(`daily.staff.status.${s}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {status === 'absent' && (
          <Form.Item name="excused" label={t('daily.staff.excused')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('daily.staff.reason')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
