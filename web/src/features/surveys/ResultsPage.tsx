// A survey's results (survey.results): the response rate, each question's chart (choices, the
// 1–5 distribution, per-teacher and per-offering means) and the free texts without any names;
// an Excel export served by the API.
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, List, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useSchoolId } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { BarChart, DistributionChart } from './Charts';
import { meanText, type SurveyResults, surveyUrl, useResults } from './queries';

type QuestionResult = SurveyResults['questions'][number];

function QuestionCard({ q }: { q: QuestionResult }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Typography.Text style={{ whiteSpace: 'normal' }}>
          {q.position}. {q.prompt}
        </Typography.Text>
      }
      extra={<Tag>{t(`survey.questionKinds.${q.kind}`)}</Tag>}
    >
      <Typography.Paragraph type="secondary">{t('survey.answered', { n: q.answered })}</Typography.Paragraph>
      {q.counts && (
        <BarChart
          testId="survey-chart-choices"
          bars={q.options.map((o, i) => ({ label: o, value: q.counts![i] ?? 0 }))}
        />
      )}
      {q.rating && (
        <>
          <Statistic title={t('survey.mean')} value={meanText(q.rating.meanHundredths)} />
          <DistributionChart title={t('survey.distribution')} distribution={q.rating.distribution} />
        </>
      )}
      {q.targets && (
        <>
          <BarChart
            testId="survey-chart-targets"
            title={q.kind === 'rating_teacher' ? t('survey.perTeacher') : t('survey.perOffering')}
            color="#52c41a"
            max={5}
            bars={[...q.targets]
              .filter((x) => x.count > 0)
              .sort((a, b) => b.meanHundredths - a.meanHundredths)
              .map((x) => ({
                label: x.name,
                value: x.meanHundredths / 100,
                text: meanText(x.meanHundredths),
              }))}
          />
          <Table
            size="small"
            rowKey="targetId"
            pagination={false}
            scroll={phone ? undefined : { y: 360 }}
            dataSource={q.targets}
            columns={[
              { title: t('survey.targets'), dataIndex: 'name' },
              {
                title: t('survey.mean'),
                dataIndex: 'meanHundredths',
                render: (h: number, r) => (r.count ? meanText(h) : '—'),
                sorter: (a, b) => a.meanHundredths - b.meanHundredths,
              },
              { title: t('survey.count'), dataIndex: 'count', responsive: ['sm'] },
              {
                title: '1–5',
                dataIndex: 'distribution',
                responsive: ['md'],
                render: (d: number[]) => d.join(' / '),
              },
            ]}
          />
        </>
      )}
      {q.texts && (
        <List
          size="small"
          header={t('survey.texts')}
          dataSource={q.texts}
          pagination={q.texts.length > 10 ? { pageSize: 10, size: 'small' } : false}
          locale={{ emptyText: t('survey.noTexts') }}
          renderItem={(text) => <List.Item>{text}</List.Item>}
        />
      )}
    </Card>
  );
}

export function ResultsPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const schoolId = useSchoolId();
  const { surveyId } = useParams();
  const results = useResults(surveyId);
  const r = results.data;
  return (
    <Card
      size={phone ? 'small' : undefined}
      title={
        <Space>
          <Button size="small" icon={<ArrowLeftOutlined />} onClick={() => navigate('/surveys')}>
            {t('survey.back')}
          </Button>
          {t('survey.resultsTitle')}
        </Space>
      }
    >
      {results.error && <Alert type="error" title={errorMessage(results.error)} />}
      {results.isLoading && <Empty />}
      {r && (
        <>
          <Typography.Title level={5} style={{ whiteSpace: 'normal' }}>
            {r.survey.title} <Tag>{t(`survey.statuses.${r.survey.status}`)}</Tag>
          </Typography.Title>
          <Space wrap align="start" style={{ marginBottom: 12 }}>
            <Statistic
              title={t('survey.rate')}
              value={t('survey.rateText', {
                responses: r.responses,
                eligible: r.eligible,
                rate: r.ratePercent,
              })}
            />
            <Button
              icon={<DownloadOutlined />}
              href={`${surveyUrl(schoolId, r.survey.id)}/results/export`}
              data-testid="survey-export"
            >
              {t('survey.export')}
            </Button>
          </Space>
          <Alert type="info" showIcon title={t('survey.anonymous')} style={{ marginBottom: 12 }} />
          {r.questions.map((q) => (
            <QuestionCard key={q.questionId} q={q} />
          ))}
        </>
      )}
    </Card>
  );
}
