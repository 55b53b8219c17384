// A student's authorised pickup adults: list, add, revoke.
import { Button, Card, Form, Input, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StudentDetail } from '../../../../src/features/people/contract';
import { post } from '../../app/api';
import { useStudentUpdate } from './useStudentUpdate';

export function AdultsCard({ student }: { student: StudentDetail }) {
  const { t } = useTranslation();
  const { run, busy } = useStudentUpdate(student.id);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  if (!student.adults) return null;
  const submit = async (values: { name: string; relation: string; phone?: string }) => {
    const body = { ...values, phone: values.phone?.trim() || undefined };
    const ok = await run((base) => post<StudentDetail>(`${base}/adults`, body), form);
    if (ok) {
      setAdding(false);
      form.resetFields();
    }
  };
  const required = [{ required: true, message: t('login.required') }];
  return (
    <Card
      size="small"
      title={t('student.adults')}
      extra={
        student.canEditAdults && (
          <Button size="small" onClick={() => setAdding(true)}>
            {t('student.addAdult')}
          </Button>
        )
      }
    >
      <List
        dataSource={student.adults}
        locale={{ emptyText: t('student.noAdults') }}
        renderItem={(a) => (
          <List.Item
            actions={
              student.canEditAdults && !a.revokedAt
                ? [
                    <Popconfirm
                      key="revoke"
                      title={t('student.revokeConfirm')}
                      onConfirm={() => run((base) => post<StudentDetail>(`${base}/adults/${a.id}/revoke`))}
                    >
                      <Button size="small" danger type="link">
                        {t('student.revoke')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <span style={a.revokedAt ? { textDecoration: 'line-through' } : undefined}>{a.name}</span>
                  <Typography.Text type="secondary">{a.relation}</Typography.Text>
                  {a.revokedAt && <Tag>{t('student.revoked')}</Tag>}
                </Space>
              }
              description={
                <span>
                  {a.phone ?? ''} {a.phone ? ' · ' : ''}
                  {t('student.authorisedAt')} {dayjs(a.createdAt).format('YYYY-MM-DD')}
                </span>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={adding}
        title={t('student.addAdult')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="name" label={t('student.name')} rules={required}>
            <Input />
          </Form.Item>
          <Form.Item name="relation" label={t('student.relation')} rules={required}>
            <Input placeholder="祖父 / 外婆 / 阿姨…" />
          </Form.Item>
          <Form.Item name="phone" label={t('student.phone')}>
            <Input inputMode="tel" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
