// DIST-1: the district officer's dashboard across every school of the district, for the term
// running at a date: participation, 5+2, staff ratio met, fees against the district's caps (DIST-3),
// arrears, incidents and the latest fund statement; charts where one would rather look than read;
// every school drills down to its own page; the whole table exports to Excel.
import { Alert, Card, Col, List, Row, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { query } from '../../app/api';
import { useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { yuan } from '../funds/queries';
import { BarChart } from '../funds/StatementParts';
import { AsOf, DateAndExport, MetTag, Tile, useDashboardDate } from './DashboardParts';
import { dashboardUrl, percentText, type SchoolRow, useDistrictDashboard } from './dashboard-queries';

function SchoolFigures({ s }: { s: SchoolRow }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{s.term?.name ?? t('dashboard.noTerm')}</Typography.Text>
      <span>
        {t('dashboard.participation')} {percentText(s.participation.rate)} · {t('dashboard.fivePlusTwo')}{' '}
        <MetTag met={s.fivePlusTwo?.compliant} />
      </span>
      <span>
        {t('dashboard.staffRatio')} {percentText(s.staffRatio?.rate)} · {t('dashboard.feesOverCap')}{' '}
        {s.fees?.overCap ?? '—'}
      </span>
      <span>
        {t('dashboard.arrears')} {s.arrears ? `${s.arrears.families} / ${yuan(s.arrears.totalFen)}` : '—'} ·{' '}
        {t('dashboard.incidents')} {s.incidents ? `${s.incidents.total} (${s.incidents.open})` : '—'}
      </span>
      <span>
        {t('dashboard.statement')}{' '}
        {s.statement
          ? `${s.statement.period === 'term' ? t('dashboard.wholeTerm') : s.statement.period} · ${t('dashboard.balance')} ${yuan(s.statement.closingFen)}`
          : t('dashboard.noStatement')}
      </span>
    </Space>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { school } = useSession();
  const districtId = school?.districtId;
  const [date, setDate] = useDashboardDate();
  const dashboard = useDistrictDashboard(districtId, date);
  const d = dashboard.data;
  const schools = d?.schools ?? [];
  const drill = (schoolId: string) => `/district/dashboard/schools/${schoolId}${query({ date })}`;
  const open = (schoolId: string) => () => navigate(drill(schoolId));
  const withTerm = schools.filter((s) => s.term);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size={phone ? 'small' : undefined}
        title={t('dashboard.title')}
        extra={
          phone ? undefined : (
            <DateAndExport
              date={date}
              onDate={setDate}
              exportHref={districtId ? `${dashboardUrl(districtId)}/export${query({ date })}` : null}
            />
          )
        }
        loading={dashboard.isLoading}
      >
        {phone && (
          <div style={{ marginBottom: 12 }}>
            <DateAndExport
              date={date}
              onDate={setDate}
              exportHref={districtId ? `${dashboardUrl(districtId)}/export${query({ date })}` : null}
            />
          </div>
        )}
        {dashboard.error && <Alert type="error" title={errorMessage(dashboard.error)} />}
        {d && (
          <>
            <div style={{ marginBottom: 12 }}>
              <Typography.Text>{d.date}</Typography.Text> <AsOf at={d.asOf} />
            </div>
            <Row gutter={[12, 12]}>
              <Col xs={12} md={8} xl={4}>
                <Tile
                  testId="tile-participation"
                  title={t('dashboard.participation')}
                  value={percentText(d.totals.participation.rate)}
                  note={t('dashboard.enrolledOf', d.totals.participation)}
                />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Tile
                  testId="tile-five-plus-two"
                  title={t('dashboard.fivePlusTwo')}
                  value={`${d.totals.fivePlusTwoCompliant}/${withTerm.length}`}
                  danger={d.totals.fivePlusTwoCompliant < withTerm.length}
                  note={t('dashboard.fivePlusTwoOf', {
                    ok: d.totals.fivePlusTwoCompliant,
                    all: withTerm.length,
                  })}
                />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Tile
                  testId="tile-staff-ratio"
                  title={t('dashboard.staffRatio')}
                  value={percentText(d.totals.staffRatio.rate)}
                  note={t('dashboard.staffRatioOf', {
                    met: d.totals.staffRatio.metDays,
                    days: d.totals.staffRatio.sessionDays,
                  })}
                />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Tile
                  testId="tile-fees"
                  title={t('dashboard.feesOverCap')}
                  value={d.totals.feesOverCap}
                  danger={d.totals.feesOverCap > 0}
                />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Tile
                  testId="tile-arrears"
                  title={t('dashboard.arrears')}
                  value={yuan(d.totals.arrears.totalFen)}
                  note={t('dashboard.arrearsOf', {
                    families: d.totals.arrears.families,
                    amount: yuan(d.totals.arrears.totalFen),
                  })}
                />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Tile
                  testId="tile-incidents"
                  title={t('dashboard.incidents')}
                  value={d.totals.incidents.total}
                  danger={d.totals.incidents.open > 0}
                  note={t('dashboard.incidentsOf', d.totals.incidents)}
                />
              </Col>
            </Row>
          </>
        )}
      </Card>

      {d && (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={8}>
            <Card size="small" data-testid="chart-participation">
              <BarChart
                title={t('dashboard.chartParticipation')}
                color="#1677ff"
                max={100}
                hideZero={false}
                format={(v) => `${v}%`}
                bars={schools.map((s) => ({
                  label: s.schoolName,
                  value: s.participation.rate ?? 0,
                  onClick: open(s.schoolId),
                }))}
              />
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card size="small" data-testid="chart-staff-ratio">
              <BarChart
                title={t('dashboard.chartStaffRatio')}
                color="#52c41a"
                max={100}
                hideZero={false}
                format={(v) => `${v}%`}
                bars={withTerm.map((s) => ({
                  label: s.schoolName,
                  value: s.staffRatio?.rate ?? 0,
                  onClick: open(s.schoolId),
                }))}
              />
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card size="small" data-testid="chart-arrears">
              <BarChart
                title={t('dashboard.chartArrears')}
                color="#fa8c16"
                hideZero={false}
                bars={withTerm.map((s) => ({
                  label: s.schoolName,
                  value: s.arrears?.totalFen ?? 0,
                  onClick: open(s.schoolId),
                }))}
              />
            </Card>
          </Col>
        </Row>
      )}

      {d && (
        <Card size={phone ? 'small' : undefined} title={t('dashboard.schools')}>
          {phone ? (
            <List<SchoolRow>
              dataSource={schools}
              rowKey="schoolId"
              renderItem={(s) => (
                <List.Item data-testid={`school-${s.schoolCode}`}>
                  <Space direction="vertical" size={2} style={{ width: '100%' }}>
                    <Link to={drill(s.schoolId)}>
                      <Typography.Text strong>{s.schoolName}</Typography.Text>
                    </Link>
                    <SchoolFigures s={s} />
                  </Space>
                </List.Item>
              )}
            />
          ) : (
            <Table<SchoolRow>
              rowKey="schoolId"
              dataSource={schools}
              pagination={false}
              size="small"
              scroll={{ x: 1100 }}
              columns={[
                {
                  title: t('dashboard.school'),
                  key: 'school',
                  fixed: 'left',
                  width: 150,
                  render: (_, s) => (
                    <Link to={drill(s.schoolId)} data-testid={`school-${s.schoolCode}`}>
                      {s.schoolName}
                    </Link>
                  ),
                },
                {
                  title: t('dashboard.term'),
                  key: 'term',
                  render: (_, s) => s.term?.name ?? t('dashboard.noTerm'),
                },
                {
                  title: t('dashboard.participation'),
                  key: 'participation',
                  align: 'right',
                  render: (_, s) => (
                    <span title={t('dashboard.enrolledOf', s.participation)}>
                      {percentText(s.participation.rate)}
                    </span>
                  ),
                },
                {
                  title: t('dashboard.fivePlusTwo'),
                  key: 'five',
                  render: (_, s) => <MetTag met={s.fivePlusTwo?.compliant} />,
                },
                {
                  title: t('dashboard.staffRatio'),
                  key: 'ratio',
                  align: 'right',
                  render: (_, s) =>
                    s.staffRatio ? (
                      <span
                        title={t('dashboard.staffRatioOf', {
                          met: s.staffRatio.metDays,
                          days: s.staffRatio.sessionDays,
                        })}
                      >
                        {percentText(s.staffRatio.rate)}
                      </span>
                    ) : (
                      '—'
                    ),
                },
                {
                  title: t('dashboard.feesOverCap'),
                  key: 'fees',
                  align: 'right',
                  render: (_, s) =>
                    s.fees ? (
                      <Typography.Text type={s.fees.overCap ? 'danger' : undefined}>
                        {t('dashboard.standardsOf', { over: s.fees.overCap, all: s.fees.standards })}
                      </Typography.Text>
                    ) : (
                      '—'
                    ),
                },
                {
                  title: t('dashboard.arrears'),
                  key: 'arrears',
                  align: 'right',
                  render: (_, s) => (s.arrears ? `${s.arrears.families} / ${yuan(s.arrears.totalFen)}` : '—'),
                },
                {
                  title: t('dashboard.incidents'),
                  key: 'incidents',
                  align: 'right',
                  render: (_, s) => (s.incidents ? t('dashboard.incidentsOf', s.incidents) : '—'),
                },
                {
                  title: t('dashboard.statement'),
                  key: 'statement',
                  render: (_, s) =>
                    s.statement ? (
                      <span>
                        {s.statement.period === 'term' ? t('dashboard.wholeTerm') : s.statement.period} ·{' '}
                        {t('dashboard.balance')} {yuan(s.statement.closingFen)}
                      </span>
                    ) : (
                      <Typography.Text type="secondary">{t('dashboard.noStatement')}</Typography.Text>
                    ),
                },
              ]}
            />
          )}
          <div style={{ marginTop: 8 }}>
            <Link to="/funds/district">{t('dashboard.allStatements')}</Link>
          </div>
        </Card>
      )}

      {d && (
        <Card
          size={phone ? 'small' : undefined}
          title={t('dashboard.caps')}
          extra={<Link to="/fees/caps">{t('dashboard.editCaps')}</Link>}
          data-testid="dashboard-caps"
        >
          <List
            size="small"
            dataSource={d.caps}
            rowKey="kind"
            renderItem={(c) => (
              <List.Item>
                <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
                  <span>{t(`dashboard.capKinds.${c.kind}`)}</span>
                  <span>
                    ≤ {yuan(c.maxFen)} ·{' '}
                    {c.isDefault ? (
                      <Typography.Text type="secondary">{t('dashboard.capDefault')}</Typography.Text>
                    ) : (
                      <span>
                        {c.documentNo} {c.approvedOn}
                      </span>
                    )}
                  </span>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
