// 教师酬劳 (PAY-1…8): finance enters the fund and computes; the pay sheet per teacher with each
// statement a click away; the school admin approves after the term's last day; Excel exports;
// the term records for performance review (PAY-8).
import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Drawer,
  Input,
  List,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseYuan } from '../../../../src/features/billing/money';
import { api } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { useSettings, useTerms } from '../programme/queries';
import {
  type PayRunView,
  paySchoolUrl,
  payTerm,
  payTermUrl,
  points,
  score,
  usePayRun,
  usePayRuns,
  usePayStatement,
  useRefreshPay,
  useTermRecords,
  yuan,
} from './queries';
import { StatementView } from './StatementView';

function eligibleText(l: PayRunView['lines'][number], t: (k: string) => string) {
  return l.eligible ? t('pay.yes') : l.finalReason === 'incident' ? t('pay.noIncident') : t('pay.noScore');
}

function Sheet({ run, onOpen }: { run: PayRunView; onOpen: (userId: string) => void }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const adjustment = run.kind === 'adjustment';
  if (phone)
    return (
      <List
        dataSource={run.lines}
        rowKey="userId"
        renderItem={(l) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(l.userId)}>
                  {l.userName}
                </Button>
              }
              description={`${t('pay.points')} ${points(l.pointsTenths)} · ${t('pay.process')} ${yuan(l.processFen)} · ${t('pay.final')} ${yuan(l.finalFen)}`}
            />
            <strong>{yuan(adjustment ? l.dueFen : l.totalFen)}</strong>
          </List.Item>
        )}
      />
    );
  return (
    <Table
      size="small"
      rowKey="userId"
      dataSource={run.lines}
      pagination={false}
      columns={[
        {
          title: t('pay.teacher'),
          dataIndex: 'userName',
          render: (name: string, l) => (
            <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(l.userId)}>
              {name}
            </Button>
          ),
        },
        { title: t('pay.points'), dataIndex: 'pointsTenths', align: 'right', render: points },
        { title: t('pay.process'), dataIndex: 'processFen', align: 'right', render: yuan },
        { title: t('pay.final'), dataIndex: 'finalFen', align: 'right', render: yuan },
        { title: t('pay.total'), dataIndex: 'totalFen', align: 'right', render: yuan },
        ...(adjustment
          ? [
              { title: t('pay.previous'), dataIndex: 'previousFen', align: 'right' as const, render: yuan },
              { title: t('pay.due'), dataIndex: 'dueFen', align: 'right' as const, render: yuan },
            ]
          : []),
        { title: t('pay.score'), dataIndex: 'surveyHundredths', align: 'right', render: score },
        { title: t('pay.eligible'), key: 'eligible', render: (_: unknown, l) => eligibleText(l, t) },
      ]}
    />
  );
}

function RunPanel({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const schoolId = useSchoolId();
  const phone = useIsPhone();
  const refresh = useRefreshPay();
  const { save, busy } = useSave();
  const q = usePayRun(runId);
  const [open, setOpen] = useState<string>();
  const statement = usePayStatement(open ? runId : undefined, open);
  const run = q.data;
  if (q.error) return <Alert type="error" title={errorMessage(q.error)} />;
  if (!run) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Tag color={run.status === 'approved' ? 'green' : run.status === 'draft' ? 'blue' : undefined}>
          {t('pay.run', { version: run.version })} · {t(`pay.kinds.${run.kind}`)} ·{' '}
          {t(`pay.statuses.${run.status}`)}
        </Tag>
        <Typography.Text type="secondary">{t('pay.asOf', { date: run.asOf })}</Typography.Text>
      </Space>
      <Typography.Text data-testid="pay-pools">
        {t('pay.pools', {
          fund: yuan(run.fundFen),
          process: yuan(run.processFen),
          final: yuan(run.finalFen),
          percent: run.processPercent,
        })}
      </Typography.Text>
      {run.processUnpaidFen > 0 && (
        <Alert
          type="warning"
          title={t('pay.unpaid', { pool: t('pay.processPool'), amount: yuan(run.processUnpaidFen) })}
        />
      )}
      {run.finalUnpaidFen > 0 && (
        <Alert
          type="warning"
          title={t('pay.unpaid', { pool: t('pay.finalPool'), amount: yuan(run.finalUnpaidFen) })}
        />
      )}
      <Space wrap>
        {can('pay.approve') && run.status === 'draft' && (
          <Popconfirm
            title={t('pay.approveConfirm')}
            onConfirm={() =>
              save(
                () => api('POST', `${paySchoolUrl(schoolId)}/pay-runs/${run.id}/approve`),
                refresh,
                undefined,
                t('pay.approved'),
              )
            }
          >
            <Button type="primary" loading={busy}>
              {t('pay.approve')}
            </Button>
          </Popconfirm>
        )}
        <Button icon={<DownloadOutlined />} href={`${paySchoolUrl(schoolId)}/pay-runs/${run.id}/export`}>
          {t('pay.exportXlsx')}
        </Button>
      </Space>
      <Sheet run={run} onOpen={setOpen} />
      <Typography.Paragraph type="secondary">{t('pay.rounding')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('pay.outsideRule')}</Typography.Paragraph>
      <Drawer
        open={!!open}
        onClose={() => setOpen(undefined)}
        title={t('pay.statement')}
        width={phone ? '100%' : 760}
      >
        {statement.error && <Alert type="error" title={errorMessage(statement.error)} />}
        {statement.data && <StatementView s={statement.data} />}
      </Drawer>
    </Space>
  );
}

function Records({ termId }: { termId: string }) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const q = useTermRecords(termId);
  const items = q.data?.items ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button icon={<DownloadOutlined />} href={`${payTermUrl(schoolId, termId)}/pay/records/export`}>
        {t('pay.exportXlsx')}
      </Button>
      <Table
        size="small"
        rowKey="userId"
        loading={q.isLoading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('pay.records.none') }}
        columns={[
          { title: t('pay.teacher'), dataIndex: 'userName', fixed: 'left' },
          { title: t('pay.records.sessions'), dataIndex: 'sessions', align: 'right' },
          { title: t('pay.points'), dataIndex: 'pointsTenths', align: 'right', render: points },
          { title: t('pay.records.lates'), dataIndex: 'lates', align: 'right' },
          { title: t('pay.records.absences'), dataIndex: 'absences', align: 'right' },
          { title: t('pay.records.incidents'), dataIndex: 'incidents', align: 'right' },
          { title: t('pay.score'), dataIndex: 'surveyHundredths', align: 'right', render: score },
          { title: t('pay.records.pay'), dataIndex: 'totalFen', align: 'right', render: yuan },
        ]}
      />
    </Space>
  );
}

function ComputeBar({ termId }: { termId: string }) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const settings = useSettings().data;
  const refresh = useRefreshPay();
  const { save, busy } = useSave();
  const [amount, setAmount] = useState('');
  const byAmount = settings?.payFundMode !== 'fee_share';
  const fundFen = parseYuan(amount);
  return (
    <Space wrap>
      {byAmount ? (
        <Input
          aria-label={t('pay.fund')}
          placeholder={t('pay.fund')}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          style={{ width: 220 }}
          inputMode="decimal"
        />
      ) : (
        <Typography.Text>{t('pay.fundFromFees', { percent: settings?.payFeeSharePercent })}</Typography.Text>
      )}
      <Button
        type="primary"
        loading={busy}
        disabled={byAmount && !fundFen}
        onClick={() =>
          save(
            () => api('POST', `${payTermUrl(schoolId, termId)}/pay-runs`, byAmount ? { fundFen } : {}),
            refresh,
            undefined,
            t('pay.computed'),
          )
        }
      >
        {t('pay.compute')}
      </Button>
    </Space>
  );
}

export function PayPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const phone = useIsPhone();
  const terms = useTerms();
  const list = terms.data?.items ?? [];
  const [termId, setTermId] = useState<string>();
  useEffect(() => {
    if (!termId && list.length) setTermId(payTerm(list)?.id);
  }, [termId, list]);
  const runs = usePayRuns(termId).data?.items ?? [];
  const [runId, setRunId] = useState<string>();
  const shown = runs.find((r) => r.id === runId) ?? runs.find((r) => r.status !== 'superseded') ?? runs[0];
  return (
    <Card size={phone ? 'small' : undefined} title={t('pay.title')}>
      {list.length === 0 && !terms.isLoading && <Alert type="info" title={t('pay.noTerm')} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Select
            aria-label={t('pay.term')}
            value={termId}
            onChange={(v) => {
              setTermId(v);
              setRunId(undefined);
            }}
            style={{ minWidth: 200 }}
            options={list.map((x) => ({ value: x.id, label: x.name }))}
          />
          {runs.length > 1 && (
            <Select
              aria-label={t('pay.run', { version: '' })}
              value={shown?.id}
              onChange={setRunId}
              style={{ minWidth: 200 }}
              options={runs.map((r) => ({
                value: r.id,
                label: `${t('pay.run', { version: r.version })} · ${t(`pay.statuses.${r.status}`)}`,
              }))}
            />
          )}
        </Space>
        {termId && can('pay.compute') && <ComputeBar termId={termId} />}
        {termId && (
          <Tabs
            items={[
              {
                key: 'sheet',
                label: t('pay.tabs.sheet'),
                children: shown ? (
                  <RunPanel runId={shown.id} />
                ) : (
                  <Alert type="info" title={t('pay.noRun')} />
                ),
              },
              { key: 'records', label: t('pay.tabs.records'), children: <Records termId={termId} /> },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
