// STAFF-6 for the school: register outside staff (外聘人员, 家长义工), record the five checks, move each
// person through the review; identity numbers show masked, and the full number is a logged read.
// A guard sees names and statuses only (the gate check).
import { App, Button, Card, Drawer, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutsideItem } from '../../../../src/features/groups/outside-contract';
import { outsideKinds } from '../../../../src/features/groups/outside-rules';
import { post } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { applyFieldErrors, errorMessage, useIsPhone } from '../../app/ui';
import { OutsideStaffDetail } from './OutsideStaffDetail';
import { schoolPath, useApprovedInstitutions, useOutsideStaff, useRefreshDuty } from './RosterApi';

export const outsideStatusColor = {
  registered: 'default',
  under_review: 'gold',
  approved: 'green',
  rejected: 'red',
  suspended: 'orange',
} as const;

function RegisterModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const schoolId = useSchoolId();
  const refresh = useRefreshDuty();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const institutions = useApprovedInstitutions(kind === 'institution_staff');
  const submit = async () => {
    const values = await form.validateFields();
    try {
      await post(`${schoolPath(schoolId)}/outside-staff`, {
        ...values,
        institutionId: values.institutionId ?? null,
        userId: values.userId?.trim() || null,
      });
      refresh();
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e));
    }
  };
  return (
    <Modal open title={t('duty.outside.register')} onCancel={onClose} onOk={submit}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'coach' }}>
        <Form.Item name="name" label={t('duty.outside.name')} rules={[{ required: true }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="kind" label={t('duty.outside.kind')} rules={[{ required: true }]}>
          <Select options={outsideKinds.map((k) => ({ value: k, label: t(`duty.outside.kinds.${k}`) }))} />
        </Form.Item>
        {kind === 'institution_staff' && (
          <Form.Item name="institutionId" label={t('duty.outside.institution')} rules={[{ required: true }]}>
            <Select options={(institutions.data ?? []).map((i) => ({ value: i.id, label: i.name }))} />
          </Form.Item>
        )}
        <Form.Item name="phone" label={t('duty.outside.phone')} rules={[{ required: true }]}>
          <Input inputMode="tel" maxLength={11} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('duty.outside.idNumber')} rules={[{ required: true, len: 18 }]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="userId" label={t('duty.outside.account')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function OutsideStaffPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { can } = useSession();
  const people = useOutsideStaff();
  const [registering, setRegistering] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const isSchool = can('outsideStaff.write');
  return (
    <Card
      title={t('duty.outside.title')}
      size={phone ? 'small' : undefined}
      extra={
        isSchool && (
          <Button type="primary" onClick={() => setRegistering(true)}>
            {t('duty.outside.register')}
          </Button>
        )
      }
    >
      <Table<OutsideItem>
        size="small"
        rowKey="id"
        loading={people.isLoading}
        dataSource={people.data?.items ?? []}
        pagination={false}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('duty.outside.name'),
            dataIndex: 'name',
            render: (v: string, r) =>
              isSchool ? (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(r.id)}>
                  {v}
                </Button>
              ) : (
                v
              ),
          },
          {
            title: t('duty.outside.kind'),
            dataIndex: 'kind',
            render: (k: string) => t(`duty.outside.kinds.${k}`),
          },
          { title: t('duty.outside.institution'), dataIndex: 'institutionName' },
          ...(isSchool
            ? [
                { title: t('duty.outside.phone'), dataIndex: 'phoneMasked' },
                { title: t('duty.outside.idNumber'), dataIndex: 'idNumberMasked' },
                {
                  title: t('duty.outside.checks'),
                  key: 'checks',
                  render: (_: unknown, r: OutsideItem) => (
                    <Space size={2} wrap>
                      {r.checks?.map((c) => (
                        <Tag
                          key={c.kind}
                          color={c.state === 'passed' ? 'green' : c.state === 'missing' ? 'default' : 'red'}
                        >
                          {t(`duty.outside.checkKinds.${c.kind}`)}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
              ]
            : []),
          {
            title: t('duty.outside.status'),
            dataIndex: 'status',
            render: (s: OutsideItem['status']) => (
              <Tag color={outsideStatusColor[s]}>{t(`duty.outside.statuses.${s}`)}</Tag>
            ),
          },
          {
            title: t('duty.outside.rosterable'),
            dataIndex: 'rosterable',
            render: (v: boolean) => (v ? <Tag color="green">✓</Tag> : <Tag>✗</Tag>),
          },
        ]}
      />
      {registering && <RegisterModal onClose={() => setRegistering(false)} />}
      <Drawer open={!!open} onClose={() => setOpen(null)} width={phone ? '100%' : 560} destroyOnHidden>
        {open && <OutsideStaffDetail id={open} />}
      </Drawer>
    </Card>
  );
}
