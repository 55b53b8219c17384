// DIST-1: one school's drill-down from the district dashboard: participation per grade, 5+2 with
// its reasons, the staff ratio per session and the session-days furthest short, fee standards
// against the caps, arrears per grade, incidents per kind and severity, and the term's published
// statements; exported to Excel.
import { Alert, Card, Col, List, Row, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { FivePlusTwoView } from '../../../../src/features/programme/contract';
import { query } from '../../app/api';
import { useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { yuan } from '../funds/queries';
import { BarChart } from '../funds/StatementParts';
import { ComplianceTag, ReasonList } from '../programme/ReportTab';
import { DateAndExport, Tile, useDashboardDate } from './DashboardParts';
import {
  percentText,
  type SchoolDashboard,
  schoolDashboardUrl,
  useSchoolDashboard,
} from './dashboard-queries';

type Worst = SchoolDashboard['staffRatio']['worst'][number];
type Fee = SchoolDashboard['fees']['items'][number];

export function DashboardSchoolPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { schoolId = '' } = useParams();
  const { school } = useSession();
  const districtId = school?.districtId;
  const [date, setDate] = useDashboardDate();
  const page = useSchoolDashboard(districtId, schoolId, date);
  const d = page.data;
  const size = phone ? 'small' : undefined;
  const exportHref = districtId
    ? `${schoolDashboardUrl(districtId, schoolId)}/export${query({ date })}`
    : null;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size={size}
        loading={page.isLoading}
        title={d ? d.school.name : t('dashboard.title')}
        extra={<Link to={`/district/dashboard${query({ date })}`}>{t('dashboard.back')}</Link>}
      >
        <DateAndExport date={date} onDate={setDate} exportHref={exportHref} />
        {page.error && <Alert style={{ marginTop: 12 }} type="error" title={errorMessage(page.error)} />}
        {d && (
          <div style={{ marginTop: 12 }}>
            <Typography.Text>
              {d.term ? `${d.term.name}（${d.term.startsOn} ~ ${d.term.endsOn}）` : t('dashboard.noTerm')}
            </Typography.Text>
          </div>
        )}
        {d && (
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={12} md={8} xl={4}>
              <Tile
                title={t('dashboard.participation')}
                value={percentText(d.participation.rate)}
                note={t('dashboard.enrolledOf', d.participation)}
              />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Tile
                title={t('dashboard.fivePlusTwo')}
                value={d.fivePlusTwo ? <ComplianceTag report={d.fivePlusTwo} /> : '—'}
              />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Tile
                title={`${t('dashboard.staffRatio')} ${t('dashboard.ratio', { ratio: d.staffRatio.ratio })}`}
                value={percentText(d.staffRatio.rate)}
                note={t('dashboard.staffRatioOf', {
                  met: d.staffRatio.metDays,
                  days: d.staffRatio.sessionDays,
                })}
              />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Tile
                title={t('dashboard.feesOverCap')}
                value={d.fees.overCap}
                danger={d.fees.overCap > 0}
                note={t('dashboard.standardsOf', { over: d.fees.overCap, all: d.fees.standards })}
              />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Tile
                title={t('dashboard.arrears')}
                value={yuan(d.arrears.totalFen)}
                note={t('dashboard.arrearsOf', {
                  families: d.arrears.families,
                  amount: yuan(d.arrears.totalFen),
                })}
              />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Tile
                title={t('dashboard.incidents')}
                value={d.incidents.total}
                danger={d.incidents.open > 0}
                note={t('dashboard.incidentsOf', d.incidents)}
              />
            </Col>
          </Row>
        )}
      </Card>

      {d && (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={12}>
            <Card size={size} title={t('dashboard.byGrade')} data-testid="drill-grades">
              <BarChart
                title={t('dashboard.rate')}
                color="#1677ff"
                max={100}
                hideZero={false}
                format={(v) => `${v}%`}
                bars={d.participation.byGrade.map((g) => ({
                  label: t('dashboard.gradeN', { grade: g.grade }),
                  value: g.rate ?? 0,
                }))}
              />
              <Table
                size="small"
                pagination={false}
                rowKey="grade"
                dataSource={d.participation.byGrade}
                columns={[
                  { title: t('dashboard.grade'), dataIndex: 'grade' },
                  { title: t('dashboard.students'), dataIndex: 'students', align: 'right' },
                  { title: t('dashboard.enrolled'), dataIndex: 'enrolled', align: 'right' },
                  {
                    title: t('dashboard.rate'),
                    key: 'rate',
                    align: 'right',
                    render: (_, g) => percentText(g.rate),
                  },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size={size} title={t('dashboard.fivePlusTwo')} data-testid="drill-five-plus-two">
              {d.fivePlusTwo ? (
                <Space direction="vertical">
                  <ComplianceTag report={d.fivePlusTwo} />
                  <ReasonList report={d.fivePlusTwo as FivePlusTwoView} />
                </Space>
              ) : (
                '—'
              )}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size={size} title={t('dashboard.bySession')} data-testid="drill-staff">
              <Table
                size="small"
                pagination={false}
                rowKey="sessionId"
                dataSource={d.staffRatio.bySession}
                columns={[
                  { title: t('dashboard.session'), dataIndex: 'sessionName' },
                  { title: t('dashboard.sessionDays'), dataIndex: 'sessionDays', align: 'right' },
                  { title: t('dashboard.metDays'), dataIndex: 'metDays', align: 'right' },
                  {
                    title: t('dashboard.metRate'),
                    key: 'rate',
                    align: 'right',
                    render: (_, s) => percentText(s.rate),
                  },
                ]}
              />
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('dashboard.worst')}
              </Typography.Title>
              {d.staffRatio.worst.length === 0 ? (
                <Typography.Text type="secondary">{t('dashboard.noWorst')}</Typography.Text>
              ) : (
                <List<Worst>
                  size="small"
                  dataSource={phone ? d.staffRatio.worst.slice(0, 8) : d.staffRatio.worst}
                  rowKey={(w) => `${w.sessionId}:${w.date}`}
                  renderItem={(w) => (
                    <List.Item>
                      <Space wrap>
                        <span>
                          {w.date} {w.sessionName}
                        </span>
                        <span>
                          {t('dashboard.present')} {w.studentsPresent} · {t('dashboard.staffPresent')}{' '}
                          {w.staffPresent}/{w.required}
                        </span>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card
              size={size}
              title={t('dashboard.fees')}
              extra={<Link to="/fees/caps">{t('dashboard.editCaps')}</Link>}
              data-testid="drill-fees"
            >
              <List<Fee>
                size="small"
                dataSource={d.fees.items}
                rowKey="offeringId"
                renderItem={(f) => {
                  const cap = d.fees.caps.find(
                    (c) => c.kind === (f.feeBasis ? f.capKinds[f.feeBasis] : f.capKinds.month),
                  );
                  return (
                    <List.Item>
                      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
                        <span>{f.name}</span>
                        <span>
                          {f.feeFen === null ? t('dashboard.noFee') : yuan(f.feeFen)}
                          {cap && ` / ≤ ${yuan(cap.maxFen)}`}{' '}
                          {f.withinCap === false && <Tag color="error">{t('dashboard.overCap')}</Tag>}
                          {f.withinCap === true && <Tag color="success">{t('dashboard.withinCap')}</Tag>}
                        </span>
                      </Space>
                    </List.Item>
                  );
                }}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size={size} title={t('dashboard.arrearsByGrade')} data-testid="drill-arrears">
              <BarChart
                title={t('dashboard.amount')}
                color="#fa8c16"
                hideZero={false}
                bars={d.arrears.byGrade.map((g) => ({
                  label: t('dashboard.gradeN', { grade: g.grade }),
                  value: g.totalFen,
                }))}
              />
              <Typography.Text>
                {t('dashboard.arrearsOf', { families: d.arrears.families, amount: yuan(d.arrears.totalFen) })}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size={size} title={t('dashboard.incidents')} data-testid="drill-incidents">
              <Typography.Text strong>{t('dashboard.byKind')}</Typography.Text>
              <List
                size="small"
                dataSource={d.incidents.byKind.filter((k) => k.total > 0)}
                rowKey="kind"
                locale={{ emptyText: '—' }}
                renderItem={(k) => (
                  <List.Item>
                    <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                      <span>{t(`dashboard.incidentKinds.${k.kind}`)}</span>
                      <span>
                        {k.total} · {t('dashboard.open')} {k.open}
                      </span>
                    </Space>
                  </List.Item>
                )}
              />
              <Typography.Text strong>{t('dashboard.bySeverity')}</Typography.Text>
              <List
                size="small"
                dataSource={d.incidents.bySeverity}
                rowKey="severity"
                renderItem={(s) => (
                  <List.Item>
                    <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                      <span>{t(`dashboard.severities.${s.severity}`)}</span>
                      <span>
                        {s.total} · {t('dashboard.open')} {s.open}
                      </span>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
          <Col xs={24}>
            <Card
              size={size}
              title={t('dashboard.statements')}
              extra={<Link to="/funds/district">{t('dashboard.allStatements')}</Link>}
              data-testid="drill-statements"
            >
              <List
                size="small"
                dataSource={d.statements}
                rowKey="id"
                locale={{ emptyText: t('dashboard.noStatement') }}
                renderItem={(s) => (
                  <List.Item>
                    <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
                      <span>
                        {s.period === 'term' ? t('dashboard.wholeTerm') : s.period} · v{s.version}
                      </span>
                      <span>
                        {t('dashboard.income')} {yuan(s.incomeFen)} · {t('dashboard.expenses')}{' '}
                        {yuan(s.expensesFen)} · {t('dashboard.balance')} {yuan(s.closingFen)}
                      </span>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
