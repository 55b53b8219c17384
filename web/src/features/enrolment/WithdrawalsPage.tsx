// ENR-6 for the school: withdrawal requests to approve (the place goes to the waitlist) or reject
// (with a reason the family reads).
import { App, Button, Card, Input, List, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { WithdrawalDecisionView } from '../../../../src/features/enrolment/draw-contract';
import { withdrawalStatuses } from '../../../../src/features/enrolment/rules';
import { post } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { classText, errorMessage, useIsPhone } from '../../app/ui';
import { withdrawalStatusText } from './labels';
import { WithdrawalStatusTag } from './parts';
import { paths } from './paths';
import { schoolApi, useRefreshEnrolment, useWithdrawals, type WithdrawalList } from './queries';

type Row = WithdrawalList['items'][number];

export function WithdrawalsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const [status, setStatus] = useState<string | undefined>('requested');
  const [page, setPage] = useState(1);
  const [rejecting, setRejecting] = useState<Row | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const list = useWithdrawals({ status, page });
  const refresh = useRefreshEnrolment();
  const rows = list.data?.items ?? [];

  const decide = async (row: Row, decision: 'approve' | 'reject', text: string) => {
    setBusy(row.id);
    try {
      const result = await post<WithdrawalDecisionView>(
        `${schoolApi(schoolId)}/withdrawals/${row.id}/decision`,
        {
          decision,
          ...(text.trim() ? { note: text.trim() } : {}),
        },
      );
      message.success(
        decision === 'approve'
          ? t('enrol.withdrawalApproved', { offers: result.offersMade })
          : t('enrol.withdrawalRejected'),
      );
      setRejecting(null);
      setNote('');
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const actions = (r: Row) =>
    r.status === 'requested' && (
      <Space size={4} wrap>
        <Popconfirm title={t('enrol.approveWithdrawal')} onConfirm={() => decide(r, 'approve', '')}>
          <Button size="small" type="primary" loading={busy === r.id}>
            {t('enrol.approve')}
          </Button>
        </Popconfirm>
        <Button size="small" danger onClick={() => setRejecting(r)} disabled={busy === r.id}>
          {t('enrol.reject')}
        </Button>
      </Space>
    );

  const columns: ColumnsType<Row> = [
    {
      title: t('student.name'),
      dataIndex: 'studentName',
      render: (v: string, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => navigate(paths.application(r.applicationId))}
        >
          {v}
        </Button>
      ),
    },
    { title: t('student.class'), key: 'class', render: (_, r) => classText(r.grade, r.classNo) },
    {
      title: t('enrol.withdrawWhat'),
      dataIndex: 'offeringName',
      render: (v: string | null) => v ?? t('enrol.wholeApplication'),
    },
    { title: t('enrol.withdrawReason'), dataIndex: 'reason' },
    { title: t('enrol.effectiveDate'), dataIndex: 'effectiveOn' },
    {
      title: t('enrol.requestedAt'),
      dataIndex: 'requestedAt',
      render: (v: string) => dayjs(v).format('MM-DD HH:mm'),
    },
    {
      title: t('enrol.status'),
      dataIndex: 'status',
      render: (s: string) => <WithdrawalStatusTag status={s} />,
    },
    { title: t('enrol.schoolNoteShort'), dataIndex: 'decisionNote', render: (v: string | null) => v ?? '' },
    { title: t('common.actions'), key: 'actions', render: (_, r) => actions(r) },
  ];
  const pagination = {
    current: page,
    pageSize: 50,
    total: list.data?.total ?? 0,
    size: phone ? ('small' as const) : undefined,
    onChange: setPage,
  };

  return (
    <Card title={t('enrol.withdrawalsTitle')} size={phone ? 'small' : undefined}>
      <div className="kh-toolbar">
        <Select
          aria-label={t('enrol.status')}
          allowClear
          placeholder={t('common.all')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={withdrawalStatuses.map((s) => ({ value: s, label: withdrawalStatusText(s) }))}
          style={{ width: 140 }}
        />
      </div>
      {phone ? (
        <List<Row>
          loading={list.isFetching}
          dataSource={rows}
          rowKey="id"
          pagination={{ ...pagination, align: 'center' }}
          renderItem={(r) => (
            <List.Item data-testid="withdrawal-item">
              <Space orientation="vertical" size={4} style={{ width: '100%', minWidth: 0 }}>
                <Space wrap size={6}>
                  <Typography.Text strong onClick={() => navigate(paths.application(r.applicationId))}>
                    {r.studentName}
                  </Typography.Text>
                  <Typography.Text type="secondary">{classText(r.grade, r.classNo)}</Typography.Text>
                  <WithdrawalStatusTag status={r.status} />
                </Space>
                <span>
                  {r.offeringName ?? t('enrol.wholeApplication')} ·{' '}
                  {t('enrol.effectiveOn', { date: r.effectiveOn })}
                </span>
                <Typography.Text type="secondary">{t('enrol.reason', { reason: r.reason })}</Typography.Text>
                {r.decisionNote && (
                  <Typography.Text type="secondary">
                    {t('enrol.schoolNote', { note: r.decisionNote })}
                  </Typography.Text>
                )}
                {actions(r)}
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<Row>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          columns={columns}
          dataSource={rows}
          pagination={pagination}
          scroll={{ x: 'max-content' }}
        />
      )}
      <Modal
        open={!!rejecting}
        title={t('enrol.rejectWithdrawal')}
        okText={t('common.confirm')}
        okButtonProps={{ danger: true, disabled: !note.trim(), loading: !!busy }}
        onOk={() => rejecting && decide(rejecting, 'reject', note)}
        onCancel={() => setRejecting(null)}
      >
        <Typography.Paragraph>{rejecting?.studentName}</Typography.Paragraph>
        <Input.TextArea
          aria-label={t('enrol.reasonLabel')}
          rows={3}
          maxLength={500}
          showCount
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('enrol.reasonLabel')}
        />
      </Modal>
    </Card>
  );
}
