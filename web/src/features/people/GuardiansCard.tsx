// A student's guardians: list, add, unlink.
import { Button, Card, Checkbox, Form, Input, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StudentDetail } from '../../../../src/features/people/contract';
import { del, post } from '../../app/api';
import { useStudentUpdate } from './useStudentUpdate';

export function GuardiansCard({ student }: { student: StudentDetail }) {
  const { t } = useTranslation();
  const { run, busy } = useStudentUpdate(student.id);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const submit = async (values: { name: string; relation: string; phone: string; isPrimary?: boolean }) => {
    const ok = await run(
      (base) => post<StudentDetail>(`${base}/guardians`, { ...values, isPrimary: !!values.isPrimary }),
      form,
    );
    if (ok) {
      setAdding(false);
      form.resetFields();
    }
  };
  const required = [{ required: true, message: t('login.required') }];
  return (
    <Card
      size="small"
      title={t('student.guardians')}
      extra={
        student.canEdit && (
          <Button size="small" onClick={() => setAdding(true)}>
            {t('student.addGuardian')}
          </Button>
        )
      }
    >
      <List
        dataSource={student.guardians}
        locale={{ emptyText: t('common.none') }}
        renderItem={(g) => (
          <List.Item
            actions={
              student.canEdit
                ? [
                    <Popconfirm
                      key="unlink"
                      title={t('student.unlinkConfirm')}
                      onConfirm={() => run((base) => del<StudentDetail>(`${base}/guardians/${g.id}`))}
                    >
                      <Button size="small" danger type="link">
                        {t('student.unlink')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  {g.name}
                  <Typography.Text type="secondary">{g.relation}</Typography.Text>
                  {g.isPrimary && <Tag color="blue">{t('student.primary')}</Tag>}
                  {g.hasAccount && <Tag color="green">{t('student.hasAccount')}</Tag>}
                </Space>
              }
              description={g.phone}
            />
          </List.Item>
        )}
      />
      <Modal
        open={adding}
        title={t('student.addGuardian')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="name" label={t('student.guardianName')} rules={required}>
            <Input />
          </Form.Item>
          <Form.Item name="relation" label={t('student.relation')} rules={required}>
            <Input placeholder="父亲 / 母亲 / 祖父…" />
          </Form.Item>
          <Form.Item name="phone" label={t('student.phone')} rules={required}>
            <Input inputMode="tel" />
          </Form.Item>
          <Form.Item name="isPrimary" valuePropName="checked">
            <Checkbox>{t('student.primary')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
