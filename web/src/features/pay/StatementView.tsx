// One teacher's pay statement (item 2): the pool shares, the deductions with their reasons, the
// month totals and every session with its points and why. Used by the pay sheet's drawer, the
// teacher's own page and its A4 print view.
import { Descriptions, List, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../app/ui';
import { type PayStatement, points, score, yuan } from './queries';

export function StatementView({ s, paper = false }: { s: PayStatement; paper?: boolean }) {
  const { t } = useTranslation();
  const phone = useIsPhone() && !paper;
  const l = s.line;
  return (
    <div className="kh-pay-statement">
      <Descriptions
        size="small"
        bordered
        column={phone ? 1 : 2}
        items={[
          { key: 'name', label: t('pay.teacher'), children: l.userName },
          { key: 'points', label: t('pay.points'), children: points(l.pointsTenths) },
          { key: 'process', label: t('pay.process'), children: yuan(l.processFen) },
          {
            key: 'final',
            label: t('pay.final'),
            children: (
              <>
                {yuan(l.finalFen)}{' '}
                {!l.eligible && (
                  <Tag color="orange">
                    {l.finalReason === 'incident' ? t('pay.noIncident') : t('pay.noScore')}
                  </Tag>
                )}
              </>
            ),
          },
          { key: 'score', label: t('pay.score'), children: score(l.surveyHundredths) },
          { key: 'total', label: t('pay.total'), children: <strong>{yuan(l.totalFen)}</strong> },
          ...(l.previousFen !== 0
            ? [
                { key: 'prev', label: t('pay.previous'), children: yuan(l.previousFen) },
                { key: 'due', label: t('pay.due'), children: <strong>{yuan(l.dueFen)}</strong> },
              ]
            : []),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="pay-rounding">
        {t('pay.rounding')}
      </Typography.Paragraph>
      <Typography.Title level={5}>{t('pay.deductions')}</Typography.Title>
      {l.deductions.length === 0 ? (
        <Typography.Text type="secondary">{t('pay.noDeductions')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={l.deductions}
          renderItem={(d, i) => (
            <List.Item key={i}>
              <span>
                <Tag>{d.date ?? d.month}</Tag>
                {t(`pay.deduction.${d.code}`, { defaultValue: d.code })}
                {d.note && !d.note.startsWith('incident:') ? `：${d.note}` : ''}
              </span>
            </List.Item>
          )}
        />
      )}
      <Typography.Title level={5}>{t('pay.months')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="month"
        dataSource={s.months}
        columns={[
          { title: t('pay.month'), dataIndex: 'month' },
          { title: t('pay.sessionsCount'), dataIndex: 'sessions', align: 'right' },
          { title: t('pay.points'), dataIndex: 'pointsTenths', align: 'right', render: points },
        ]}
      />
      <Typography.Title level={5}>{t('pay.sessions')}</Typography.Title>
      {phone ? (
        <List
          size="small"
          dataSource={s.sessions}
          renderItem={(x) => (
            <List.Item extra={<strong>{points(x.pointsTenths)}</strong>}>
              <List.Item.Meta
                title={`${x.date} ${x.sessionName}`}
                description={t(`pay.reasons.${x.reason}`)}
              />
            </List.Item>
          )}
        />
      ) : (
        <Table
          size="small"
          pagination={paper ? false : { pageSize: 50, hideOnSinglePage: true }}
          rowKey={(x) => `${x.date}|${x.sessionId}`}
          dataSource={s.sessions}
          columns={[
            { title: t('pay.date'), dataIndex: 'date' },
            { title: t('pay.session'), dataIndex: 'sessionName' },
            { title: t('pay.why'), dataIndex: 'reason', render: (r: string) => t(`pay.reasons.${r}`) },
            { title: t('pay.points'), dataIndex: 'pointsTenths', align: 'right', render: points },
          ]}
        />
      )}
    </div>
  );
}
