// Finance's fund page (FEE-2, FEE-8, FEE-9): the working statement of a month or the term with every
// figure opening its entries (FEE-11) and publishing; the subsidy received beside the subsidy
// expected; expenses by category; other income. Records are never edited: a reversal with a reason.
import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { parseYuan } from '../../../../src/features/billing/money';
import { expenseCategories, termMonths } from '../../../../src/features/billing/rules';
import { api } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { newIdempotencyKey } from '../enrolment/idempotency';
import { currentTerm, useTerms } from '../programme/queries';
import {
  type FundDocumentView,
  fundTermUrl,
  useExpectedSubsidy,
  useFundDocuments,
  useRefreshFund,
  useStatementLines,
  useWorkingStatement,
  yuan,
} from './queries';
import { StatementChart, StatementTables } from './StatementParts';
import './fund.css';

type Kind = 'subsidy' | 'expense' | 'other_income';

function LinesDrawer({
  termId,
  period,
  figure,
  label,
  onClose,
}: {
  termId: string;
  period: string;
  figure: string | null;
  label: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const lines = useStatementLines(termId, period, figure);
  const items = lines.data?.items ?? [];
  return (
    <Drawer
      open={!!figure}
      onClose={onClose}
      title={t('fund.lines.title', { figure: label })}
      size={phone ? 'default' : 'large'}
      width={phone ? '100%' : 720}
    >
      {lines.error && <Alert type="error" title={errorMessage(lines.error)} />}
      {lines.data && (
        <Typography.Paragraph strong data-testid="lines-total">
          {t('fund.lines.total', { total: yuan(lines.data.totalFen), count: items.length })}
        </Typography.Paragraph>
      )}
      <List
        loading={lines.isLoading}
        dataSource={items}
        rowKey="id"
        renderItem={(l) => (
          <List.Item extra={<span style={{ whiteSpace: 'nowrap' }}>{yuan(l.amountFen)}</span>}>
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <Tag>{t(`fund.kinds.${l.kind}`, { defaultValue: l.kind })}</Tag>
                  <span>{l.reason}</span>
                </Space>
              }
              description={`${t('fund.lines.month')} ${l.month} · ${dayjs(l.createdAt).format('YYYY-MM-DD HH:mm')}`}
            />
          </List.Item>
        )}
      />
    </Drawer>
  );
}

function StatementTab({ termId, months }: { termId: string; months: string[] }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const schoolId = useSchoolId();
  const { message } = App.useApp();
  const refresh = useRefreshFund();
  const [period, setPeriod] = useState('term');
  const [open, setOpen] = useState<{ figure: string; label: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const working = useWorkingStatement(termId, period);
  const w = working.data;
  const publish = async () => {
    setBusy(true);
    try {
      await api(
        'POST',
        `${fundTermUrl(schoolId, termId)}/statements`,
        { period },
        {
          'idempotency-key': newIdempotencyKey(),
        },
      );
      message.success(t('fund.published'));
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('fund.period')}</span>
        <Select
          value={period}
          onChange={setPeriod}
          style={{ minWidth: 140 }}
          aria-label={t('fund.period')}
          options={[
            { value: 'term', label: t('fund.wholeTerm') },
            ...months.map((m) => ({ value: m, label: m })),
          ]}
        />
        {can('fund.publish') && (
          <Popconfirm title={t('fund.publishConfirm')} onConfirm={publish} okText={t('fund.publish')}>
            <Button type="primary" loading={busy} disabled={!w}>
              {t('fund.publish')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {working.error && <Alert type="error" title={errorMessage(working.error)} />}
      {w && (
        <>
          <Typography.Text type="secondary">
            {w.published ? (
              <Link to={`/funds/published/${schoolId}/${w.published.id}`}>
                {t('fund.publishedVersion', {
                  version: w.published.version,
                  at: dayjs(w.published.publishedAt).format('YYYY-MM-DD HH:mm'),
                })}
              </Link>
            ) : (
              t('fund.notPublished')
            )}
            {' · '}
            {t('fund.st.rows', { count: w.statement.rowCount })} · {t('fund.st.openLines')}
          </Typography.Text>
          <StatementTables statement={w.statement} onOpen={(figure, label) => setOpen({ figure, label })} />
          <StatementChart statement={w.statement} />
        </>
      )}
      <LinesDrawer
        termId={termId}
        period={period}
        figure={open?.figure ?? null}
        label={open?.label ?? ''}
        onClose={() => setOpen(null)}
      />
    </Space>
  );
}

interface FormValues {
  occurredOn: Dayjs;
  amount: string;
  voucherNo: string;
  counterparty?: string;
  note?: string;
  category?: string;
  students?: number;
  stream?: 'service' | 'meal';
}

function DocumentForm({ termId, kind, startsOn }: { termId: string; kind: Kind; startsOn: string }) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const [form] = Form.useForm<FormValues>();
  const { save, busy } = useSave();
  const refresh = useRefreshFund();
  const [key, setKey] = useState(newIdempotencyKey);
  // FEE-2: a subsidy is counted for the students enrolled now, unless finance says otherwise.
  const expected = useExpectedSubsidy(kind === 'subsidy' ? termId : undefined).data;
  useEffect(() => {
    if (expected && form.getFieldValue('students') === undefined)
      form.setFieldValue('students', expected.students);
  }, [expected, form]);
  const submit = async (v: FormValues) => {
    const amountFen = parseYuan(v.amount);
    if (amountFen === null || amountFen <= 0) {
      form.setFields([{ name: 'amount', errors: [t('fund.amountInvalid')] }]);
      return;
    }
    const body = {
      kind,
      occurredOn: v.occurredOn.format('YYYY-MM-DD'),
      amountFen,
      voucherNo: v.voucherNo,
      counterparty: v.counterparty ?? '',
      note: v.note ?? '',
      ...(kind === 'expense' ? { category: v.category, stream: v.stream ?? 'service' } : {}),
      ...(kind === 'subsidy' ? { students: v.students ?? 0 } : {}),
    };
    const ok = await save(
      () => api('POST', `${fundTermUrl(schoolId, termId)}/documents`, body, { 'idempotency-key': key }),
      () => refresh(),
      form,
      t('fund.recorded'),
    );
    if (ok) {
      form.resetFields();
      if (expected) form.setFieldValue('students', expected.students);
      setKey(newIdempotencyKey());
    }
  };
  const today = dayjs();
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ occurredOn: today.isBefore(startsOn) ? dayjs(startsOn) : today, stream: 'service' }}
      style={{ maxWidth: 520 }}
    >
      <Form.Item name="occurredOn" label={t('fund.date')} rules={[{ required: true }]}>
        <DatePicker inputReadOnly style={{ width: '100%' }} />
      </Form.Item>
      {kind === 'expense' && (
        <Form.Item name="category" label={t('fund.category')} rules={[{ required: true }]}>
          <Select options={expenseCategories.map((c) => ({ value: c, label: t(`fund.categories.${c}`) }))} />
        </Form.Item>
      )}
      <Form.Item name="amount" label={t('fund.amount')} rules={[{ required: true }]}>
        <Input inputMode="decimal" placeholder="0.00" />
      </Form.Item>
      <Form.Item name="voucherNo" label={t('fund.voucher')} rules={[{ required: true }]}>
        <Input maxLength={40} />
      </Form.Item>
      {kind === 'subsidy' && (
        <Form.Item name="students" label={t('fund.students')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item
        name="counterparty"
        label={kind === 'expense' ? t('fund.payee') : t('fund.payer')}
        rules={kind === 'expense' ? [{ required: true }] : []}
      >
        <Input maxLength={100} />
      </Form.Item>
      {kind === 'expense' && (
        <Form.Item name="stream" label={t('fund.stream')}>
          <Select
            options={[
              { value: 'service', label: t('fund.streams.service') },
              { value: 'meal', label: t('fund.streams.meal') },
            ]}
          />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('fund.note')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('fund.record')}
      </Button>
    </Form>
  );
}

function ReverseButton({ doc }: { doc: FundDocumentView }) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const refresh = useRefreshFund();
  const { save, busy } = useSave();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)}>
        {t('fund.reverse')}
      </Button>
      <Modal
        open={open}
        title={t('fund.reverseTitle')}
        okText={t('fund.confirmReverse')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy }}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const ok = await save(
            () =>
              api(
                'POST',
                `/api/v1/schools/${schoolId}/fund/documents/${doc.id}/reverse`,
                { reason },
                {
                  'idempotency-key': newIdempotencyKey(),
                },
              ),
            () => refresh(),
          );
          if (ok) setOpen(false);
        }}
      >
        <Typography.Paragraph type="secondary">{t('fund.reverseHint')}</Typography.Paragraph>
        <Typography.Paragraph>
          {doc.occurredOn} · {doc.voucherNo} · {yuan(doc.amountFen)}
        </Typography.Paragraph>
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('fund.reverseReason')}
          aria-label={t('fund.reverseReason')}
          maxLength={500}
        />
      </Modal>
    </>
  );
}

function DocumentList({ termId, kind }: { termId: string; kind: Kind }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const docs = useFundDocuments(termId, kind);
  const items = docs.data?.items ?? [];
  const writer = can('fund.write');
  const status = (d: FundDocumentView) =>
    d.reversal ? (
      <Typography.Text type="danger">
        {t('fund.reversedBy', {
          by: d.reversal.by,
          at: dayjs(d.reversal.at).format('YYYY-MM-DD HH:mm'),
          reason: d.reversal.reason,
        })}
      </Typography.Text>
    ) : writer ? (
      <ReverseButton doc={d} />
    ) : null;
  const label = (d: FundDocumentView) =>
    d.kind === 'expense' ? t(`fund.categories.${d.category}`) : t(`fund.kinds.${d.kind}`);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button
        icon={<DownloadOutlined />}
        href={`${fundTermUrl(schoolId, termId)}/documents/export?kind=${kind}`}
      >
        {t('fund.exportXlsx')}
      </Button>
      {docs.error && <Alert type="error" title={errorMessage(docs.error)} />}
      {phone ? (
        <List
          loading={docs.isLoading}
          dataSource={items}
          rowKey="id"
          locale={{ emptyText: t('fund.none') }}
          renderItem={(d) => (
            <List.Item>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong delete={!!d.reversal}>
                    {yuan(d.amountFen)}
                  </Typography.Text>
                  <Tag>{label(d)}</Tag>
                  {d.stream === 'meal' && <Tag color="orange">{t('fund.streams.meal')}</Tag>}
                </Space>
                <Typography.Text type="secondary">
                  {d.occurredOn} · {d.voucherNo} · {d.counterparty}
                </Typography.Text>
                {d.note && <Typography.Text>{d.note}</Typography.Text>}
                {status(d)}
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<FundDocumentView>
          loading={docs.isLoading}
          dataSource={items}
          rowKey="id"
          size="small"
          pagination={{ pageSize: 50 }}
          locale={{ emptyText: t('fund.none') }}
          columns={[
            { title: t('fund.date'), dataIndex: 'occurredOn' },
            { title: t('fund.category'), render: (_, d) => label(d) },
            {
              title: t('fund.amount'),
              align: 'right',
              render: (_, d) => <Typography.Text delete={!!d.reversal}>{yuan(d.amountFen)}</Typography.Text>,
            },
            { title: t('fund.voucher'), dataIndex: 'voucherNo' },
            { title: kind === 'expense' ? t('fund.payee') : t('fund.payer'), dataIndex: 'counterparty' },
            ...(kind === 'subsidy' ? [{ title: t('fund.students'), dataIndex: 'students' }] : []),
            { title: t('fund.note'), dataIndex: 'note' },
            { title: '', render: (_, d) => status(d) },
          ]}
        />
      )}
    </Space>
  );
}

function ExpectedSubsidy({ termId }: { termId: string }) {
  const { t } = useTranslation();
  const e = useExpectedSubsidy(termId).data;
  if (!e) return null;
  const gap = e.expectedFen - e.receivedFen;
  return (
    <Alert
      type={gap > 0 ? 'info' : 'success'}
      title={t('fund.expected.title')}
      description={
        <>
          <div>
            {t('fund.expected.text', {
              students: e.students,
              perYear: yuan(e.perYearFen),
              perTerm: yuan(e.perTermFen),
              expected: yuan(e.expectedFen),
              received: yuan(e.receivedFen),
            })}
          </div>
          <strong>{gap > 0 ? t('fund.expected.gap', { gap: yuan(gap) }) : t('fund.expected.done')}</strong>
        </>
      }
    />
  );
}

function DocumentsTab({ termId, kind, startsOn }: { termId: string; kind: Kind; startsOn: string }) {
  const { can } = useSession();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      {kind === 'subsidy' && <ExpectedSubsidy termId={termId} />}
      {can('fund.write') && <DocumentForm termId={termId} kind={kind} startsOn={startsOn} />}
      <DocumentList termId={termId} kind={kind} />
    </Space>
  );
}

export function FundPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const terms = useTerms();
  const list = terms.data?.items ?? [];
  const [termId, setTermId] = useState<string>();
  useEffect(() => {
    if (!termId && list.length) setTermId(currentTerm(list)?.id);
  }, [termId, list]);
  const term = list.find((x) => x.id === termId);
  const months = term ? termMonths(term) : [];
  return (
    <Card
      size={phone ? 'small' : undefined}
      title={t('fund.title')}
      extra={
        <Select
          value={termId}
          onChange={setTermId}
          style={{ minWidth: 140 }}
          aria-label={t('fund.term')}
          options={list.map((x) => ({ value: x.id, label: x.name }))}
        />
      }
    >
      {terms.error && <Alert type="error" title={errorMessage(terms.error)} />}
      {terms.data && !list.length && <Alert type="info" title={t('fund.noTerm')} />}
      {term && (
        <Tabs
          items={[
            {
              key: 'statement',
              label: t('fund.tabs.statement'),
              children: <StatementTab termId={term.id} months={months} />,
            },
            {
              key: 'subsidy',
              label: t('fund.tabs.subsidy'),
              children: <DocumentsTab termId={term.id} kind="subsidy" startsOn={term.startsOn} />,
            },
            {
              key: 'expenses',
              label: t('fund.tabs.expenses'),
              children: <DocumentsTab termId={term.id} kind="expense" startsOn={term.startsOn} />,
            },
            {
              key: 'other',
              label: t('fund.tabs.otherIncome'),
              children: <DocumentsTab termId={term.id} kind="other_income" startsOn={term.startsOn} />,
            },
          ]}
        />
      )}
    </Card>
  );
}
