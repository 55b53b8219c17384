// A parent's enrolment page: the term and its window, the notice to read first, then one card per
// child: apply, or follow the application to its place.
import { FileTextOutlined, RightOutlined, SmileOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { classText, errorMessage } from '../../app/ui';
import { AppStatusTag, LineTag, TermPicker } from './parts';
import { paths } from './paths';
import { type TermSummary, useMyApplications, useTermChoice } from './queries';

export function windowText(term: TermSummary, t: (k: string, o?: Record<string, unknown>) => string) {
  const opens = dayjs(term.windowOpensAt).format('YYYY-MM-DD HH:mm');
  const closes = dayjs(term.windowClosesAt).format('YYYY-MM-DD HH:mm');
  return t(`enrol.window.${term.windowState}`, { opens, closes });
}

export function MyEnrolmentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { terms, term, choose, loading, error } = useTermChoice();
  const mine = useMyApplications(term?.id);

  if (loading) return <Spin />;
  if (error) return <Result status="warning" title={errorMessage(error)} />;
  if (!term) return <Empty description={t('enrol.noTerm')} />;
  const open = term.windowState === 'open' && term.noticeVersion !== null;
  const byId = new Map((mine.data?.items ?? []).map((a) => [a.id, a]));

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <h2 style={{ margin: 0 }}>{t('enrol.title')}</h2>
        {terms.length > 1 && <TermPicker terms={terms} value={term.id} onChange={choose} />}
      </Space>
      <Card size="small" data-testid="term-card">
        <Space orientation="vertical" size={6} style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {term.name}
            </Typography.Text>
            <Tag color={open ? 'green' : 'default'}>{t(`enrol.windowState.${term.windowState}`)}</Tag>
          </Space>
          <Typography.Text type="secondary">
            {t('enrol.termDates', { from: term.startsOn, to: term.endsOn })}
          </Typography.Text>
          <Typography.Text>{windowText(term, t)}</Typography.Text>
          {term.noticeVersion === null ? (
            <Alert type="info" showIcon title={t('enrol.noticeMissing')} />
          ) : (
            <Space wrap>
              <Button
                type="primary"
                icon={<FileTextOutlined />}
                onClick={() => navigate(paths.notice(term.id))}
              >
                {t('enrol.readNotice')}
              </Button>
              <Button icon={<TeamOutlined />} onClick={() => navigate(paths.list(term.id))}>
                {t('enrol.seeList')}
              </Button>
            </Space>
          )}
        </Space>
      </Card>
      {mine.error && <Alert type="error" title={errorMessage(mine.error)} />}
      {mine.isLoading && <Spin />}
      {mine.data && mine.data.children.length === 0 && <Empty description={t('children.empty')} />}
      <Row gutter={[12, 12]}>
        {mine.data?.children.map((child) => {
          const application = child.applicationId ? byId.get(child.applicationId) : undefined;
          return (
            <Col key={child.studentId} xs={24} md={12} xl={8}>
              <Card size="small" data-testid="enrol-child">
                <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                  <div style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
                    <SmileOutlined style={{ fontSize: 28, color: '#1f7a5c' }} />
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <div style={{ fontSize: 17, fontWeight: 600 }} data-testid="child-name">
                        {child.name}
                      </div>
                      <Typography.Text type="secondary">
                        {classText(child.grade, child.classNo)}
                      </Typography.Text>
                    </div>
                    {application && <AppStatusTag status={application.status} />}
                  </div>
                  {application ? (
                    <>
                      {application.lines.map((line) => (
                        <div key={line.id} className="kh-line">
                          <span>{line.offeringName}</span>
                          <LineTag line={line} />
                        </div>
                      ))}
                      <Button
                        block
                        type={application.status === 'offered' ? 'primary' : 'default'}
                        onClick={() => navigate(paths.application(application.id))}
                      >
                        {application.status === 'offered' ? t('enrol.goSign') : t('enrol.openApplication')}{' '}
                        <RightOutlined />
                      </Button>
                    </>
                  ) : open ? (
                    <Button
                      type="primary"
                      block
                      onClick={() => navigate(paths.apply(term.id, child.studentId))}
                    >
                      {t('enrol.applyFor', { name: child.name })}
                    </Button>
                  ) : (
                    <Typography.Text type="secondary">{t('enrol.notApplied')}</Typography.Text>
                  )}
                </Space>
              </Card>
            </Col>
          );
        })}
      </Row>
    </Space>
  );
}
