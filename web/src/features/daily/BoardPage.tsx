// The duty leader's live board (DAY-10): per temporary class of today, who is where; names of
// those still on site, late ones marked; refreshed every 10 seconds.
import { Alert, Card, Col, Empty, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/ui';
import { useBoard } from './PickupQueries';

export function BoardPage() {
  const { t } = useTranslation();
  const board = useBoard();
  if (board.isLoading) return <Spin />;
  if (board.error) return <Alert type="error" title={errorMessage(board.error)} />;
  const data = board.data!;
  return (
    <div data-testid="board-page">
      <h2 style={{ marginTop: 0 }}>{t('pickup.board.title')}</h2>
      <Typography.Paragraph type="secondary">
        {t('pickup.board.refreshed', { time: dayjs(data.generatedAt).format('HH:mm:ss') })}
      </Typography.Paragraph>
      <Alert
        style={{ marginBottom: 12 }}
        type={data.totals.stillOnSite > 0 ? 'warning' : 'success'}
        title={t('pickup.board.totals', {
          enrolled: data.totals.enrolled,
          onSite: data.totals.onSite,
          still: data.totals.stillOnSite,
          awaiting: data.totals.awaiting,
        })}
        data-testid="board-totals"
      />
      {data.classes.length === 0 && <Empty description={t('pickup.board.none')} />}
      <Row gutter={[12, 12]}>
        {data.classes.map((c) => (
          <Col key={c.id} xs={24} md={12} xl={8}>
            <Card
              size="small"
              data-testid="board-class"
              title={
                <Space wrap>
                  <span>{c.name}</span>
                  <Typography.Text type="secondary">
                    {c.sessionName} {c.endsAt}
                  </Typography.Text>
                  {!c.rollTaken && <Tag color="red">{t('pickup.board.noRoll')}</Tag>}
                </Space>
              }
            >
              <Row gutter={8}>
                <Col span={6}>
                  <Statistic title={t('pickup.board.enrolled')} value={c.enrolled} />
                </Col>
                <Col span={6}>
                  <Statistic title={t('pickup.board.onSite')} value={c.onSite} />
                </Col>
                <Col span={6}>
                  <Statistic
                    title={t('pickup.board.released')}
                    value={c.releasedConfirmed + c.releasedAwaiting}
                  />
                </Col>
                <Col span={6}>
                  <Statistic
                    title={t('pickup.board.still')}
                    value={c.stillOnSite.length}
                    styles={{ content: { color: c.stillOnSite.length ? '#cf1322' : undefined } }}
                  />
                </Col>
              </Row>
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
                {t('pickup.board.leave')} {c.leave} · {t('pickup.board.absent')} {c.absent} ·{' '}
                {t('pickup.board.awaiting')} {c.releasedAwaiting} · {t('pickup.board.walkedHome')}{' '}
                {c.walkedHome}
              </Typography.Paragraph>
              <Space wrap>
                {c.stillOnSite.map((s) => (
                  <Tag key={s.studentId} color={s.lateAlerted ? 'red' : 'blue'} data-testid="board-still">
                    {s.name}
                    {s.lateAlerted ? ` · ${t('pickup.board.late')}` : ''}
                  </Tag>
                ))}
                {c.awaiting.map((a) => (
                  <Tag key={a.releaseId} color="gold">
                    {a.name} → {a.adultName ?? ''}
                  </Tag>
                ))}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
