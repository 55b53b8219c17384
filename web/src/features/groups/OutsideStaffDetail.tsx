// One outside staff member for the school (STAFF-6): the five checks as they stand, recording a
// check, the review's next steps, the check history, and the logged full read of the ID number.
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutsideDetail } from '../../../../src/features/groups/outside-contract';
import { checkKinds, outsideTransitions } from '../../../../src/features/groups/outside-rules';
import { get, post } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { errorMessage } from '../../app/ui';
import { schoolPath, useOutsideDetail, useRefreshDuty } from './RosterApi';

export function OutsideStaffDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const schoolId = useSchoolId();
  const detail = useOutsideDetail(id);
  const refresh = useRefreshDuty();
  const [identity, setIdentity] = useState<{ idNumber: string; phone: string } | null>(null);
  const [form] = Form.useForm();
  const base = `${schoolPath(schoolId)}/outside-staff/${id}`;
  const d = detail.data;
  if (!d) return null;

  const call = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const record = async () => {
    const v = await form.validateFields();
    await call(() =>
      post<OutsideDetail>(`${base}/checks`, {
        kind: v.kind,
        passed: v.passed ?? false,
        note: v.note ?? '',
        checkedOn: (v.checkedOn as Dayjs).format('YYYY-MM-DD'),
        validUntil: v.validUntil ? (v.validUntil as Dayjs).format('YYYY-MM-DD') : null,
      }),
    );
    form.resetFields();
  };
  // The events the review allows from here, except the system's own `lapse`.
  const events = Object.keys(outsideTransitions[d.status]).filter((e) => e !== 'lapse');

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>{d.name}</Typography.Title>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('duty.outside.kind')}>
          {t(`duty.outside.kinds.${d.kind}`)}
        </Descriptions.Item>
        {d.institutionName && (
          <Descriptions.Item label={t('duty.outside.institution')}>{d.institutionName}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('duty.outside.phone')}>
          {identity?.phone ?? d.phoneMasked}
        </Descriptions.Item>
        <Descriptions.Item label={t('duty.outside.idNumber')}>
          {identity?.idNumber ?? d.idNumberMasked}{' '}
          {!identity && (
            <Popconfirm
              title={t('duty.outside.revealNote')}
              onConfirm={() => call(async () => setIdentity(await get(`${base}/identity`)))}
            >
              <Button size="small" type="link">
                {t('duty.outside.reveal')}
              </Button>
            </Popconfirm>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('duty.outside.status')}>
          {t(`duty.outside.statuses.${d.status}`)}
        </Descriptions.Item>
      </Descriptions>
      <Space wrap>
        {events.map((e) => (
          <Button
            key={e}
            type={e === 'approve' || e === 'reinstate' ? 'primary' : 'default'}
            onClick={() => call(() => post(`${base}/events`, { event: e }))}
          >
            {t(`duty.outside.events.${e}`)}
          </Button>
        ))}
      </Space>
      <Table
        size="small"
        rowKey="kind"
        pagination={false}
        dataSource={d.checks ?? []}
        columns={[
          {
            title: t('duty.outside.checks'),
            dataIndex: 'kind',
            render: (k: string) => t(`duty.outside.checkKinds.${k}`),
          },
          {
            title: t('duty.outside.status'),
            dataIndex: 'state',
            render: (s: string) => (
              <Tag color={s === 'passed' ? 'green' : s === 'missing' ? 'default' : 'red'}>
                {t(`duty.outside.checkStates.${s}`)}
              </Tag>
            ),
          },
          { title: t('duty.outside.checkedOn'), dataIndex: 'checkedOn' },
          { title: t('duty.outside.validUntil'), dataIndex: 'validUntil' },
        ]}
      />
      <Typography.Title level={5}>{t('duty.outside.record')}</Typography.Title>
      <Form form={form} layout="vertical" initialValues={{ passed: true }}>
        <Form.Item name="kind" label={t('duty.outside.checks')} rules={[{ required: true }]}>
          <Select options={checkKinds.map((k) => ({ value: k, label: t(`duty.outside.checkKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="passed" label={t('duty.outside.passed')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="checkedOn" label={t('duty.outside.checkedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="validUntil" label={t('duty.outside.validUntil')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label={t('duty.common.note')}>
          <Input maxLength={300} />
        </Form.Item>
        <Button type="primary" onClick={record}>
          {t('duty.outside.record')}
        </Button>
      </Form>
      <Typography.Title level={5}>{t('duty.outside.history')}</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...d.history].reverse()}
        columns={[
          {
            title: t('duty.outside.checks'),
            dataIndex: 'kind',
            render: (k: string) => t(`duty.outside.checkKinds.${k}`),
          },
          { title: t('duty.outside.passed'), dataIndex: 'passed', render: (p: boolean) => (p ? '✓' : '✗') },
          { title: t('duty.outside.checkedOn'), dataIndex: 'checkedOn' },
          { title: t('duty.common.note'), dataIndex: 'note' },
        ]}
      />
    </Space>
  );
}
