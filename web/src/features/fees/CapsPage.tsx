// FEE-3, DIST-3: the district's fee caps. The district officer sets each kind with its approving
// document and date; a school's admin and finance see their district's caps, read only.
import { Button, Card, DatePicker, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan, parseYuan } from '../../../../src/features/billing/money';
import { useSession } from '../../app/session';
import { useIsPhone } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { type CapItem, useCaps, useFeeActions } from './queries';

export function CapsPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { school, can } = useSession();
  const districtId = school?.districtId;
  const writer = can('feeCap.write');
  const caps = useCaps(districtId, writer);
  const actions = useFeeActions();
  const { save, busy } = useSave();
  const [editing, setEditing] = useState<CapItem | null>(null);
  const [form] = Form.useForm();

  const open = (cap: CapItem) => {
    setEditing(cap);
    form.setFieldsValue({
      min: cap.minFen === null ? '' : formatYuan(cap.minFen),
      max: formatYuan(cap.maxFen),
      documentNo: cap.documentNo,
      approvedOn: cap.approvedOn ? dayjs(cap.approvedOn) : null,
    });
  };
  const submit = async () => {
    if (!editing || !districtId) return;
    const v = (await form.validateFields()) as {
      min: string;
      max: string;
      documentNo: string;
      approvedOn: Dayjs;
    };
    const body = {
      minFen: v.min?.trim() ? parseYuan(v.min) : null,
      maxFen: parseYuan(v.max)!,
      documentNo: v.documentNo.trim(),
      approvedOn: v.approvedOn.format('YYYY-MM-DD'),
    };
    const ok = await save(
      () => actions.setCap(districtId, editing.kind, body),
      () => actions.refresh('fee-caps'),
      form,
    );
    if (ok) setEditing(null);
  };
  const yuanRule = (required: boolean) => ({
    validator: (_: unknown, value: string | undefined) =>
      (!required && !value?.trim()) || (value && parseYuan(value) !== null)
        ? Promise.resolve()
        : Promise.reject(new Error(t('fees.caps.yuanInvalid'))),
  });

  return (
    <Card title={t('fees.caps.title')} size={phone ? 'small' : undefined} data-testid="fee-caps">
      <Typography.Paragraph type="secondary">
        {writer ? t('fees.caps.leadDistrict') : t('fees.caps.leadSchool')}
      </Typography.Paragraph>
      <Table<CapItem>
        size="small"
        rowKey="kind"
        loading={caps.isLoading}
        dataSource={caps.data?.items ?? []}
        pagination={false}
        scroll={{ x: 560 }}
        columns={[
          { title: t('fees.caps.kind'), dataIndex: 'kind', render: (k: string) => t(`fees.capKinds.${k}`) },
          {
            title: t('fees.caps.range'),
            key: 'range',
            render: (_, c) =>
              c.minFen === null
                ? `≤ ${formatYuan(c.maxFen)}`
                : `${formatYuan(c.minFen)}–${formatYuan(c.maxFen)}`,
          },
          {
            title: t('fees.caps.document'),
            key: 'doc',
            render: (_, c) =>
              c.isDefault ? (
                <Tag>{t('fees.caps.isDefault')}</Tag>
              ) : (
                `${c.documentNo}（${c.approvedOn ?? ''}）`
              ),
          },
          ...(writer
            ? [
                {
                  title: '',
                  key: 'edit',
                  render: (_: unknown, c: CapItem) => (
                    <Button size="small" onClick={() => open(c)}>
                      {t('fees.caps.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!editing}
        title={editing ? t('fees.caps.editTitle', { kind: t(`fees.capKinds.${editing.kind}`) }) : ''}
        onCancel={() => setEditing(null)}
        onOk={submit}
        confirmLoading={busy}
      >
        <Form form={form} layout="vertical">
          {editing?.kind === 'care_month' && (
            <Form.Item name="min" label={t('fees.caps.min')} rules={[yuanRule(false)]}>
              <Input inputMode="decimal" />
            </Form.Item>
          )}
          <Form.Item
            name="max"
            label={t('fees.caps.max')}
            dependencies={['min']}
            rules={[
              { required: true, message: t('fees.caps.yuanInvalid') },
              yuanRule(true),
              ({ getFieldValue }) => ({
                validator: (_, value: string) => {
                  const min = getFieldValue('min') as string | undefined;
                  const lo = min?.trim() ? parseYuan(min) : null;
                  const hi = value ? parseYuan(value) : null;
                  return lo !== null && hi !== null && lo > hi
                    ? Promise.reject(new Error(t('fees.caps.minOverMax')))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="documentNo" label={t('fees.caps.document')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="approvedOn" label={t('fees.caps.approvedOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
