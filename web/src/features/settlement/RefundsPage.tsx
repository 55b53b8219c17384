// Refunds with a second person: finance proposes from a student's over-payment; the school admin
// approves or rejects with a note (never the one who proposed it). Lists export to Excel.
import { DownloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan, parseYuan } from '../../../../src/features/billing/money';
import { post, query } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { classText, errorMessage, useIsPhone } from '../../app/ui';
import { TermPicker } from '../enrolment/parts';
import { useTermChoice } from '../enrolment/queries';
import {
  type RefundableView,
  type RefundView,
  schoolApi,
  useRefreshSettle,
  useRefundable,
  useRefunds,
} from './queries';

type Overpaid = RefundableView['items'][number];
const statusColor: Record<string, string> = { proposed: 'gold', approved: 'green', rejected: 'default' };

export function RefundsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const { can, me } = useSession();
  const proposer = can('refund.propose');
  const approver = can('refund.approve');
  const { terms, term, choose } = useTermChoice('running');
  const [stream, setStream] = useState<'service' | 'meal'>('service');
  const [status, setStatus] = useState<string>(approver && !proposer ? 'proposed' : 'all');
  const refundable = useRefundable(term?.id, stream, proposer);
  const refunds = useRefunds({ termId: term?.id, status: status === 'all' ? undefined : status });
  const refresh = useRefreshSettle();
  const [proposing, setProposing] = useState<Overpaid | null>(null);
  const [deciding, setDeciding] = useState<{ refund: RefundView; decision: 'approve' | 'reject' } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ amount: string; reason: string }>();
  const [noteForm] = Form.useForm<{ note: string }>();

  const run = async (call: () => Promise<unknown>, done: () => void) => {
    setBusy(true);
    try {
      await call();
      message.success(t('common.saved'));
      done();
      await refresh();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const propose = (values: { amount: string; reason: string }) =>
    run(
      () =>
        post(`${schoolApi(schoolId)}/refunds`, {
          studentId: proposing!.studentId,
          termId: term!.id,
          stream,
          amountFen: parseYuan(values.amount),
          reason: values.reason,
        }),
      () => setProposing(null),
    );
  const decide = (values: { note: string }) =>
    run(
      () =>
        post(`${schoolApi(schoolId)}/refunds/${deciding!.refund.id}/${deciding!.decision}`, {
          note: values.note ?? '',
        }),
      () => setDeciding(null),
    );

  const actions = (r: RefundView) =>
    approver && r.status === 'proposed' && r.proposedBy !== me?.user.id
      ? [
          <Button
            key="a"
            size="small"
            type="primary"
            onClick={() => setDeciding({ refund: r, decision: 'approve' })}
          >
            {t('settle.refunds.approve')}
          </Button>,
          <Button key="r" size="small" danger onClick={() => setDeciding({ refund: r, decision: 'reject' })}>
            {t('settle.refunds.reject')}
          </Button>,
        ]
      : [];

  const columns: ColumnsType<RefundView> = [
    { title: t('settle.student'), dataIndex: 'studentName' },
    {
      title: t('settle.refunds.stream'),
      dataIndex: 'stream',
      render: (v: string) => t(`settle.refunds.streams.${v}`),
    },
    { title: t('settle.refunds.amount'), dataIndex: 'amountFen', align: 'right', render: formatYuan },
    { title: t('settle.refunds.reason'), dataIndex: 'reason' },
    {
      title: t('settle.status'),
      dataIndex: 'status',
      render: (v: string) => <Tag color={statusColor[v]}>{t(`settle.refunds.statuses.${v}`)}</Tag>,
    },
    {
      title: t('settle.refunds.proposedBy'),
      key: 'p',
      render: (_, r) => `${r.proposedByName} ${dayjs(r.proposedAt).format('MM-DD HH:mm')}`,
    },
    {
      title: t('settle.refunds.decidedBy'),
      key: 'd',
      render: (_, r) =>
        r.decidedByName ? `${r.decidedByName}${r.decisionNote ? `：${r.decisionNote}` : ''}` : '—',
    },
    { title: '', key: 'act', render: (_, r) => <Space>{actions(r)}</Space> },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={phone ? 8 : 16}>
      {proposer && (
        <Card
          size={phone ? 'small' : undefined}
          title={t('settle.refunds.refundable')}
          extra={
            <Space wrap>
              <TermPicker terms={terms} value={term?.id} onChange={choose} />
              <Segmented
                value={stream}
                onChange={(v) => setStream(v as 'service' | 'meal')}
                options={[
                  { value: 'service', label: t('settle.refunds.streams.service') },
                  { value: 'meal', label: t('settle.refunds.streams.meal') },
                ]}
              />
            </Space>
          }
          loading={refundable.isLoading}
        >
          <List
            size="small"
            dataSource={refundable.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('settle.refunds.none')} /> }}
            renderItem={(o) => (
              <List.Item
                style={{ flexWrap: 'wrap', gap: 8 }}
                actions={[
                  <Button
                    key="p"
                    size="small"
                    disabled={o.refundableFen <= 0}
                    onClick={() => {
                      form.setFieldsValue({ amount: formatYuan(o.refundableFen), reason: '' });
                      setProposing(o);
                    }}
                  >
                    {t('settle.refunds.propose')}
                  </Button>,
                ]}
              >
                <Space wrap>
                  <Typography.Text strong>
                    {classText(o.grade, o.classNo)} {o.studentName}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('settle.refunds.overpaid')} {formatYuan(o.overpaidFen)} · {t('settle.refunds.pending')}{' '}
                    {formatYuan(o.pendingFen)} · {t('settle.refunds.available')} {formatYuan(o.refundableFen)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card
        size={phone ? 'small' : undefined}
        title={t('settle.refunds.title')}
        extra={
          <Space wrap>
            {!proposer && <TermPicker terms={terms} value={term?.id} onChange={choose} />}
            <Segmented
              value={status}
              onChange={(v) => setStatus(String(v))}
              options={['all', 'proposed', 'approved', 'rejected'].map((s) => ({
                value: s,
                label: s === 'all' ? t('settle.refunds.all') : t(`settle.refunds.statuses.${s}`),
              }))}
            />
            <Button
              icon={<DownloadOutlined />}
              href={`${schoolApi(schoolId)}/refunds/export${query({ termId: term?.id })}`}
            >
              {phone ? null : t('settle.export')}
            </Button>
          </Space>
        }
        loading={refunds.isLoading}
      >
        {approver && (
          <Typography.Paragraph type="secondary">{t('settle.refunds.secondPerson')}</Typography.Paragraph>
        )}
        {phone ? (
          <List
            dataSource={refunds.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('settle.refunds.empty')} /> }}
            renderItem={(r) => (
              <List.Item actions={actions(r)} style={{ flexWrap: 'wrap' }}>
                <Space direction="vertical" size={2}>
                  <Space wrap>
                    <Typography.Text strong>{r.studentName}</Typography.Text>
                    <Typography.Text>{formatYuan(r.amountFen)}</Typography.Text>
                    <Tag color={statusColor[r.status]}>{t(`settle.refunds.statuses.${r.status}`)}</Tag>
                  </Space>
                  <Typography.Text type="secondary">{r.reason}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<RefundView>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={refunds.data?.items ?? []}
            locale={{ emptyText: t('settle.refunds.empty') }}
          />
        )}
      </Card>
      <Modal
        open={!!proposing}
        title={`${t('settle.refunds.propose')} · ${proposing?.studentName ?? ''}`}
        onCancel={() => setProposing(null)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={propose}>
          <Form.Item
            name="amount"
            label={t('settle.refunds.amount')}
            rules={[
              {
                validator: (_, v: string) =>
                  parseYuan(v ?? '') && parseYuan(v)! > 0
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('settle.refunds.amountInvalid'))),
              },
            ]}
          >
            <Input inputMode="decimal" style={{ maxWidth: 200 }} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('settle.refunds.reason')}
            rules={[{ required: true, whitespace: true, max: 500 }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!deciding}
        title={`${t('settle.refunds.decide')} · ${deciding?.refund.studentName ?? ''} ${
          deciding ? formatYuan(deciding.refund.amountFen) : ''
        }`}
        onCancel={() => setDeciding(null)}
        onOk={() => noteForm.submit()}
        okText={deciding?.decision === 'approve' ? t('settle.refunds.approve') : t('settle.refunds.reject')}
        okButtonProps={{ danger: deciding?.decision === 'reject' }}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Typography.Paragraph>{deciding?.refund.reason}</Typography.Paragraph>
        <Form form={noteForm} layout="vertical" onFinish={decide}>
          <Form.Item name="note" label={t('settle.refunds.note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
