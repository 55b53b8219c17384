// 我的评价 (survey.ownScores): a teacher's own mean, count and 1–5 distribution in each closed
// satisfaction survey. Nothing about other teachers, and never who rated.
import { Alert, Card, List, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, useIsPhone } from '../../app/ui';
import { DistributionChart } from './Charts';
import { meanText, useMyScores } from './queries';

export function MyScoresPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const scores = useMyScores();
  return (
    <Card size={phone ? 'small' : undefined} title={t('survey.scoresTitle')}>
      <Typography.Paragraph type="secondary">{t('survey.scoresHint')}</Typography.Paragraph>
      {scores.error && <Alert type="error" title={errorMessage(scores.error)} />}
      <List
        loading={scores.isLoading}
        dataSource={scores.data?.items ?? []}
        locale={{ emptyText: t('survey.scoresNone') }}
        renderItem={(s) => (
          <List.Item data-testid="my-score">
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text strong style={{ whiteSpace: 'normal' }}>
                {s.surveyTitle}
              </Typography.Text>
              <Space size="large" wrap>
                <Statistic title={t('survey.mean')} value={s.count ? meanText(s.meanHundredths) : '—'} />
                <Statistic title={t('survey.count')} value={s.count} />
              </Space>
              <DistributionChart title={t('survey.distribution')} distribution={s.distribution} />
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
