// Finance's term bills (FEE-4, FEE-6): issue the running term's bills, the list per student
// (charged, waived, credited, paid, balance) with filters, and its Excel export. The arrears list
// is the same page showing only students who still owe. The school admin reads it.
import { DownloadOutlined, FileDoneOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Input,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatYuan } from '../../../../src/features/billing/money';
import { useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { TermPicker } from '../enrolment/parts';
import { useTermChoice } from '../enrolment/queries';
import { type BillFilter, type BillListRow, termBillsUrl, useBillingActions, useTermBills } from './queries';
import { RecordPaymentForm } from './RecordPaymentForm';

export function BillsPage({ arrears = false }: { arrears?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can, school } = useSession();
  const phone = useIsPhone();
  const { terms, term, choose, loading, error } = useTermChoice('running');
  const [stream, setStream] = useState<BillFilter['stream']>('service');
  const [status, setStatus] = useState<BillFilter['status']>(arrears ? 'arrears' : 'all');
  const [classId, setClassId] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const [paying, setPaying] = useState(false);
  const [busy, setBusy] = useState(false);
  const shownStatus = arrears ? 'arrears' : status;
  const list = useTermBills(term?.id, { stream, status: shownStatus });
  const actions = useBillingActions();
  const canIssue = can('billing.write');

  const classes = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of list.data?.items ?? []) seen.set(r.student.classId, r.student.classLabel);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [list.data]);
  const needle = search.trim().toLowerCase();
  const rows = (list.data?.items ?? []).filter(
    (r) =>
      (!classId || r.student.classId === classId) &&
      (!needle || r.student.name.toLowerCase().includes(needle) || r.student.studentNo.includes(needle)),
  );
  const sum = (f: (r: BillListRow) => number) => rows.reduce((a, r) => a + f(r), 0);

  const issue = async () => {
    if (!term) return;
    setBusy(true);
    try {
      const r = await actions.issue(term.id);
      message.success(
        t('bills.issued', {
          bills: r.billsCreated,
          charges: r.chargesWritten,
          charged: formatYuan(r.chargedFen),
          waivers: r.waiversWritten,
          waived: formatYuan(-r.waivedFen),
        }),
      );
      if (r.skippedClosed) message.info(t('bills.skippedClosed', { count: r.skippedClosed }));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (loading) return <Spin />;
  if (error) return <Alert type="error" title={errorMessage(error)} />;
  const exportQuery = new URLSearchParams({ stream, status: shownStatus });
  if (classId) exportQuery.set('classId', classId);
  if (needle) exportQuery.set('q', needle);
  const money = (fen: number) => formatYuan(fen);
  const columns = [
    {
      title: t('bills.col.student'),
      key: 'student',
      fixed: phone ? undefined : ('left' as const),
      render: (_: unknown, r: BillListRow) => (
        <Link to={`/billing/bills/${term?.id}/${r.student.id}`}>
          {r.student.name}
          {phone ? <Typography.Text type="secondary"> · {r.student.classLabel}</Typography.Text> : null}
        </Link>
      ),
    },
    ...(phone
      ? []
      : [
          {
            title: t('bills.col.class'),
            key: 'class',
            render: (_: unknown, r: BillListRow) => r.student.classLabel,
          },
          { title: t('bills.col.billNo'), dataIndex: 'billNo', key: 'billNo' },
          {
            title: t('bills.col.charged'),
            key: 'charged',
            align: 'right' as const,
            render: (_: unknown, r: BillListRow) => money(stream === 'meal' ? r.mealFen : r.chargedFen),
          },
          {
            title: t('bills.col.waived'),
            key: 'waived',
            align: 'right' as const,
            render: (_: unknown, r: BillListRow) => money(r.waivedFen),
          },
          {
            title: t('bills.col.credited'),
            key: 'credited',
            align: 'right' as const,
            render: (_: unknown, r: BillListRow) => money(r.creditedFen),
          },
          {
            title: t('bills.col.paid'),
            key: 'paid',
            align: 'right' as const,
            render: (_: unknown, r: BillListRow) => money(r.paidFen),
          },
        ]),
    {
      title: t('bills.col.balance'),
      key: 'balance',
      align: 'right' as const,
      render: (_: unknown, r: BillListRow) => (
        <Typography.Text type={r.balanceFen > 0 ? 'danger' : r.balanceFen < 0 ? 'warning' : undefined}>
          {money(r.balanceFen)}
        </Typography.Text>
      ),
    },
  ];

  return (
    <div>
      <h2 style={{ marginTop: 0 }}>
        <FileDoneOutlined /> {arrears ? t('bills.arrearsTitle') : t('bills.title')}
      </h2>
      <Typography.Paragraph type="secondary">{t('bills.lead')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <TermPicker terms={terms} value={term?.id} onChange={choose} />
        {canIssue && term && (
          <Popconfirm title={t('bills.issueConfirm')} onConfirm={issue}>
            <Button type="primary" loading={busy} data-testid="issue-bills">
              {t('bills.issue')}
            </Button>
          </Popconfirm>
        )}
        {can('payment.record') && term && (
          <Button onClick={() => setPaying(true)} data-testid="open-record-payment">
            {t('bills.bill.record')}
          </Button>
        )}
        {term && (
          <Button
            icon={<DownloadOutlined />}
            href={`${termBillsUrl(school?.id ?? '', term.id)}/export?${exportQuery}`}
          >
            {t('bills.export')}
          </Button>
        )}
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={stream}
          onChange={(v) => setStream(v as BillFilter['stream'])}
          options={(['service', 'meal'] as const).map((s) => ({ value: s, label: t(`bills.stream.${s}`) }))}
        />
        {!arrears && (
          <Select
            value={status}
            onChange={setStatus}
            style={{ minWidth: 120 }}
            options={(['all', 'arrears', 'paid', 'over'] as const).map((s) => ({
              value: s,
              label: t(`bills.status.${s}`),
            }))}
          />
        )}
        <Select
          allowClear
          placeholder={t('bills.classFilter')}
          value={classId}
          onChange={setClassId}
          options={classes}
          style={{ minWidth: 120 }}
        />
        <Input.Search
          allowClear
          placeholder={t('bills.search')}
          onSearch={setSearch}
          style={{ width: 180 }}
        />
      </Space>
      {list.error ? <Alert type="error" title={errorMessage(list.error)} /> : null}
      <Table
        rowKey={(r) => r.student.id}
        size="small"
        loading={list.isLoading}
        dataSource={rows}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        data-testid="bills-table"
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('bills.totals', {
          charged: money(sum((r) => (stream === 'meal' ? r.mealFen : r.chargedFen))),
          waived: money(sum((r) => r.waivedFen)),
          credited: money(sum((r) => r.creditedFen)),
          paid: money(sum((r) => r.paidFen)),
          arrears: money(sum((r) => Math.max(0, r.balanceFen))),
        })}
        <br />
        {t('bills.balanceHint')}
      </Typography.Paragraph>
      {term && paying && (
        <RecordPaymentForm
          open={paying}
          onClose={() => setPaying(false)}
          termId={term.id}
          students={list.data?.items ?? []}
        />
      )}
    </div>
  );
}

export function ArrearsPage() {
  return <BillsPage arrears />;
}
