// DIST-2 for the district: register non-subject outside institutions and move them through
// applied → approved → suspended → removed; schools register institution staff only from the
// approved ones.
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { institutionKinds, institutionTransitions } from '../../../../src/features/groups/outside-rules';
import { post } from '../../app/api';
import { useSession } from '../../app/session';
import { applyFieldErrors, errorMessage, useIsPhone } from '../../app/ui';
import { type InstitutionView, useDistrictInstitutions, useRefreshDuty } from './RosterApi';

const color = { applied: 'gold', approved: 'green', suspended: 'orange', removed: 'red' } as const;

export function OutsideInstitutionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const { school, can } = useSession();
  const districtId = school?.districtId;
  const list = useDistrictInstitutions(districtId);
  const refresh = useRefreshDuty();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const base = `/api/v1/districts/${districtId}/institutions`;
  const writer = can('institution.write');

  const call = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      refresh();
      return true;
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e));
      return false;
    }
  };
  const add = async () => {
    const v = await form.validateFields();
    if (await call(() => post(base, v))) {
      setAdding(false);
      form.resetFields();
    }
  };

  return (
    <Card
      title={t('duty.institutions.title')}
      size={phone ? 'small' : undefined}
      extra={
        writer && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {t('duty.institutions.add')}
          </Button>
        )
      }
    >
      <Table<InstitutionView>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 520 }}
        columns={[
          { title: t('duty.institutions.name'), dataIndex: 'name' },
          {
            title: t('duty.institutions.kind'),
            dataIndex: 'kind',
            render: (k: string) => t(`duty.institutions.kinds.${k}`),
          },
          {
            title: t('duty.institutions.status'),
            dataIndex: 'status',
            render: (s: InstitutionView['status']) => (
              <Tag color={color[s]}>{t(`duty.institutions.statuses.${s}`)}</Tag>
            ),
          },
          {
            title: t('duty.common.actions'),
            key: 'a',
            render: (_, r) =>
              writer && (
                <Space size={4} wrap>
                  {Object.keys(institutionTransitions[r.status]).map((e) => (
                    <Button
                      key={e}
                      size="small"
                      danger={e === 'remove'}
                      onClick={() => call(() => post(`${base}/${r.id}/events`, { event: e }))}
                    >
                      {t(`duty.institutions.events.${e}`)}
                    </Button>
                  ))}
                </Space>
              ),
          },
        ]}
      />
      <Modal open={adding} title={t('duty.institutions.add')} onCancel={() => setAdding(false)} onOk={add}>
        <Form form={form} layout="vertical" initialValues={{ kind: 'sport' }}>
          <Form.Item name="name" label={t('duty.institutions.name')} rules={[{ required: true, min: 2 }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="kind" label={t('duty.institutions.kind')} rules={[{ required: true }]}>
            <Select
              options={institutionKinds.map((k) => ({ value: k, label: t(`duty.institutions.kinds.${k}`) }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
