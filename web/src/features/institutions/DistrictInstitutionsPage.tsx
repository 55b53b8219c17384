// DIST-2 for the district officer (/district/institutions): the list of non-subject outside
// institutions with status, mean score and complaints; registration with courses and prices; the
// Excel export; a drawer with each institution's courses, evaluations, complaints and history.
import { DownloadOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseYuan } from '../../../../src/features/billing/money';
import { institutionKinds, institutionStatuses } from '../../../../src/features/district/institutions-rules';
import { post, query } from '../../app/api';
import { useSession } from '../../app/session';
import { applyFieldErrors, errorMessage, useIsPhone } from '../../app/ui';
import { InstitutionDrawer } from './InstitutionDrawer';
import {
  districtInstitutionsUrl,
  type InstitutionSummary,
  useInstitutionList,
  useRefreshInstitutions,
} from './queries';

export const statusColor = {
  applied: 'gold',
  approved: 'green',
  suspended: 'orange',
  removed: 'red',
} as const;

export function ScoreText({ score, count }: { score: number | null; count: number }) {
  const { t } = useTranslation();
  if (score === null) return <Typography.Text type="secondary">{t('inst.noScore')}</Typography.Text>;
  return (
    <span>
      <Typography.Text strong type={score < 3 ? 'danger' : undefined}>
        {score.toFixed(1)}
      </Typography.Text>
      <Typography.Text type="secondary"> ({count})</Typography.Text>
    </span>
  );
}

/** Yuan text to fen, with the form's message when it is not an amount. */
export const yuanRule = (message: string) => ({
  validator: (_: unknown, v: string) =>
    !v || parseYuan(v) !== null ? Promise.resolve() : Promise.reject(new Error(message)),
});

export function DistrictInstitutionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const { school, can } = useSession();
  const districtId = school?.districtId;
  const [status, setStatus] = useState<string | undefined>();
  const list = useInstitutionList(districtId, status);
  const refresh = useRefreshInstitutions();
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [form] = Form.useForm();
  const writer = can('institution.write');

  const register = async () => {
    const v = await form.validateFields();
    try {
      await post(districtInstitutionsUrl(districtId!), {
        name: v.name,
        kind: v.kind,
        courses: (v.courses ?? []).map(
          (c: { name: string; kind: string; price: string; description?: string }) => ({
            name: c.name,
            kind: c.kind ?? v.kind,
            priceFen: parseYuan(c.price),
            description: c.description ?? '',
          }),
        ),
      });
      refresh();
      setAdding(false);
      form.resetFields();
      message.success(t('inst.saved'));
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e));
    }
  };

  const columns = [
    {
      title: t('inst.name'),
      key: 'name',
      render: (_: unknown, r: InstitutionSummary) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => setOpen(r.id)}>{r.name}</Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`inst.kinds.${r.kind}`)} · {t('inst.courseCount')} {r.activeCourseCount}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('inst.status'),
      dataIndex: 'status',
      render: (s: InstitutionSummary['status']) => (
        <Tag color={statusColor[s]}>{t(`inst.statuses.${s}`)}</Tag>
      ),
    },
    {
      title: t('inst.meanScore'),
      key: 'score',
      render: (_: unknown, r: InstitutionSummary) => (
        <ScoreText score={r.meanScore} count={r.evaluationCount} />
      ),
    },
    {
      title: t('inst.complaintCount'),
      key: 'complaints',
      render: (_: unknown, r: InstitutionSummary) => (
        <span>
          {r.complaintCount}
          {r.openComplaintCount > 0 && (
            <Tag color="red" style={{ marginInlineStart: 4 }}>
              {t('inst.openComplaints', { n: r.openComplaintCount })}
            </Tag>
          )}
        </span>
      ),
    },
    ...(phone ? [] : [{ title: t('inst.bookingCount'), dataIndex: 'activeBookingCount', key: 'bookings' }]),
  ];

  return (
    <Card
      title={t('inst.title')}
      size={phone ? 'small' : undefined}
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            href={`${districtInstitutionsUrl(districtId ?? '')}/export${query({ status })}`}
            disabled={!districtId}
          >
            {phone ? null : t('inst.export')}
          </Button>
          {writer && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {phone ? null : t('inst.register')}
            </Button>
          )}
        </Space>
      }
    >
      <Select
        allowClear
        placeholder={t('inst.allStatuses')}
        style={{ width: 160, marginBottom: 12 }}
        value={status}
        onChange={setStatus}
        options={institutionStatuses.map((s) => ({ value: s, label: t(`inst.statuses.${s}`) }))}
      />
      <Table<InstitutionSummary>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: t('inst.empty') }}
        columns={columns}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
      />
      <InstitutionDrawer districtId={districtId} id={open} onClose={() => setOpen(null)} writer={writer} />
      <Modal
        open={adding}
        title={t('inst.register')}
        onCancel={() => setAdding(false)}
        onOk={register}
        width={phone ? '100%' : 640}
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'sport', courses: [{}] }}>
          <Form.Item name="name" label={t('inst.name')} rules={[{ required: true, min: 2 }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="kind" label={t('inst.kind')} rules={[{ required: true }]}>
            <Select options={institutionKinds.map((k) => ({ value: k, label: t(`inst.kinds.${k}`) }))} />
          </Form.Item>
          <Typography.Text strong>{t('inst.courses')}</Typography.Text>
          <Form.List name="courses">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="start" style={{ display: 'flex', marginTop: 8 }}>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, min: 2 }]} noStyle>
                      <Input placeholder={t('inst.courseName')} style={{ width: 150 }} maxLength={60} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'price']}
                      rules={[
                        { required: true, message: t('inst.priceInvalid') },
                        yuanRule(t('inst.priceInvalid')),
                      ]}
                      noStyle
                    >
                      <Input placeholder={t('inst.price')} style={{ width: 130 }} inputMode="decimal" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'description']} noStyle>
                      <Input placeholder={t('inst.description')} style={{ width: 160 }} maxLength={500} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} style={{ marginTop: 8 }}>
                  {t('inst.addCourse')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}
