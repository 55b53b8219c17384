// FEE-9 for families and the district: the school's published fund statements (a phone page with a
// chart), one published statement, its A4 print view (经费公示), and the district's list of every
// school's statements side by side.
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PrintFrame } from '../../app/PrintFrame';
import { useSchoolId, useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import '../people/print.css';
import './fund.css';
import { useState } from 'react';
import {
  type PublishedSummary,
  publishedUrl,
  useDistrictStatements,
  usePublishedStatement,
  usePublishedStatements,
  yuan,
} from './queries';
import { periodText, StatementChart, StatementTables } from './StatementParts';

const statementPath = (s: { schoolId: string; id: string }) => `/funds/published/${s.schoolId}/${s.id}`;

function SummaryLine({ s }: { s: PublishedSummary }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={2}>
      <Space wrap>
        <Link to={statementPath(s)}>
          <Typography.Text strong>
            {s.termName} · {periodText(s.period, t)}
          </Typography.Text>
        </Link>
        <Tag>{t('fund.version', { version: s.version })}</Tag>
        {s.superseded && <Tag color="default">{t('fund.superseded')}</Tag>}
      </Space>
      <Typography.Text type="secondary">
        {t('fund.income')} {yuan(s.incomeFen)} · {t('fund.expensesCol')} {yuan(s.expensesFen)} ·{' '}
        {t('fund.closing')} {yuan(s.closingFen)}
      </Typography.Text>
      <Typography.Text type="secondary">
        {t('fund.publishedBy', { by: s.publishedBy, date: dayjs(s.publishedAt).format('YYYY-MM-DD') })}
      </Typography.Text>
    </Space>
  );
}

/** The school's published statements, newest first (parents, staff). */
export function PublishedListPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const list = usePublishedStatements(schoolId);
  const items = list.data?.items ?? [];
  const latest = items.find((s) => !s.superseded);
  return (
    <Card size={phone ? 'small' : undefined} title={t('fund.menuPublished')}>
      {list.error && <Alert type="error" title={errorMessage(list.error)} />}
      {latest && <LatestChart schoolId={schoolId} statementId={latest.id} />}
      <List
        loading={list.isLoading}
        dataSource={items}
        rowKey="id"
        locale={{ emptyText: t('fund.noPublished') }}
        renderItem={(s) => (
          <List.Item>
            <SummaryLine s={s} />
          </List.Item>
        )}
      />
    </Card>
  );
}

function LatestChart({ schoolId, statementId }: { schoolId: string; statementId: string }) {
  const { t } = useTranslation();
  const p = usePublishedStatement(schoolId, statementId).data;
  if (!p) return null;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {p.term.name} · {periodText(p.period, t)}
      </Typography.Title>
      <StatementChart statement={p.statement} />
    </>
  );
}

/** One published statement: header, chart, tables, print and Excel. */
export function PublishedStatementPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { schoolId = '', statementId = '' } = useParams();
  const q = usePublishedStatement(schoolId, statementId);
  const p = q.data;
  return (
    <Card
      size={phone ? 'small' : undefined}
      title={p ? `${p.school.name} · ${t('fund.printTitle')}` : t('fund.printTitle')}
      loading={q.isLoading}
    >
      {q.error && <Alert type="error" title={errorMessage(q.error)} />}
      {p && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text strong>
              {p.term.name} · {periodText(p.period, t)}
            </Typography.Text>
            <Tag>{t('fund.version', { version: p.version })}</Tag>
          </Space>
          <Typography.Text type="secondary">
            {t('fund.publishedBy', { by: p.publishedBy, date: dayjs(p.publishedAt).format('YYYY-MM-DD') })}
          </Typography.Text>
          <Space wrap>
            <Button
              icon={<PrinterOutlined />}
              onClick={() => navigate(`/print/fund-statement/${schoolId}/${statementId}`)}
            >
              {t('fund.print')}
            </Button>
            <Button icon={<DownloadOutlined />} href={`${publishedUrl(schoolId)}/${statementId}/export`}>
              {t('fund.exportXlsx')}
            </Button>
          </Space>
          <StatementChart statement={p.statement} />
          <StatementTables statement={p.statement} />
        </Space>
      )}
    </Card>
  );
}

/** 经费公示 on A4: school, period, the tables, who published it and when. */
export function PublishedPrintPage() {
  const { t } = useTranslation();
  const { schoolId = '', statementId = '' } = useParams();
  const q = usePublishedStatement(schoolId, statementId);
  const p = q.data;
  return (
    <PrintFrame ready={!!p} error={q.error}>
      {p && (
        <section className="kh-sheet kh-paper" data-testid="fund-print">
          <div className="kh-sheet-school">{p.school.name}</div>
          <h1 className="kh-sheet-title">{t('fund.printTitle')}</h1>
          <p className="kh-sheet-lead">
            {p.term.name} · {periodText(p.period, t)} · {t('fund.version', { version: p.version })}
          </p>
          <StatementTables statement={p.statement} className="kh-fund-table kh-print-table" />
          <div style={{ marginTop: 12 }}>
            <StatementChart statement={p.statement} />
          </div>
          <div className="kh-sheet-foot">
            <span>
              {t('fund.publishedBy', { by: p.publishedBy, date: dayjs(p.publishedAt).format('YYYY-MM-DD') })}
            </span>
          </div>
        </section>
      )}
    </PrintFrame>
  );
}

/** FEE-9: the district audits every school's published statements, figures side by side. */
export function DistrictFundsPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { school } = useSession();
  const [all, setAll] = useState(false);
  const list = useDistrictStatements(school?.districtId, all);
  const items = list.data?.items ?? [];
  return (
    <Card
      size={phone ? 'small' : undefined}
      title={t('fund.menuDistrict')}
      extra={
        <Space>
          <span>{t('fund.allVersions')}</span>
          <Switch checked={all} onChange={setAll} aria-label={t('fund.allVersions')} />
        </Space>
      }
    >
      {list.error && <Alert type="error" title={errorMessage(list.error)} />}
      {phone ? (
        <List
          loading={list.isLoading}
          dataSource={items}
          rowKey="id"
          locale={{ emptyText: t('fund.noPublished') }}
          renderItem={(s) => (
            <List.Item>
              <Space direction="vertical" size={2}>
                <Typography.Text strong>{s.schoolName}</Typography.Text>
                <SummaryLine s={s} />
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<PublishedSummary>
          loading={list.isLoading}
          dataSource={items}
          rowKey="id"
          size="small"
          pagination={{ pageSize: 50 }}
          locale={{ emptyText: t('fund.noPublished') }}
          columns={[
            { title: t('fund.school'), dataIndex: 'schoolName' },
            { title: t('fund.termName'), dataIndex: 'termName' },
            { title: t('fund.period'), render: (_, s) => periodText(s.period, t) },
            {
              title: '#',
              render: (_, s) => (
                <Space size={4}>
                  {s.version}
                  {s.superseded && <Tag>{t('fund.superseded')}</Tag>}
                </Space>
              ),
            },
            { title: t('fund.income'), align: 'right', render: (_, s) => yuan(s.incomeFen) },
            { title: t('fund.expensesCol'), align: 'right', render: (_, s) => yuan(s.expensesFen) },
            { title: t('fund.net'), align: 'right', render: (_, s) => yuan(s.netFen) },
            { title: t('fund.closing'), align: 'right', render: (_, s) => yuan(s.closingFen) },
            { title: t('fund.publishedAt'), render: (_, s) => dayjs(s.publishedAt).format('YYYY-MM-DD') },
            { title: '', render: (_, s) => <Link to={statementPath(s)}>{t('fund.open')}</Link> },
          ]}
        />
      )}
    </Card>
  );
}
