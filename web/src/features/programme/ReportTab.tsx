// The 5+2 report (PROG-4) of a term: each weekday's service minutes and end time, and the reasons a
// school falls short, rendered from codes in the reader's language.
import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FivePlusTwoView } from '../../../../src/features/programme/contract';
import { errorMessage, useIsPhone } from '../../app/ui';
import { reasonLabel, weekdayLabel } from './labels';
import { useFivePlusTwo } from './queries';

export function ComplianceTag({ report }: { report: Pick<FivePlusTwoView, 'compliant'> }) {
  const { t } = useTranslation();
  return report.compliant ? (
    <Tag icon={<CheckCircleOutlined />} color="success">
      {t('programme.report.compliant')}
    </Tag>
  ) : (
    <Tag icon={<CloseCircleOutlined />} color="error">
      {t('programme.report.notCompliant')}
    </Tag>
  );
}

export function ReasonList({ report }: { report: FivePlusTwoView }) {
  const { t } = useTranslation();
  if (!report.reasons.length) return null;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
      {report.reasons.map((r) => (
        <li key={`${r.code}-${r.weekday}`}>{reasonLabel(t, r)}</li>
      ))}
    </ul>
  );
}

export function FivePlusTwoDetail({ report }: { report: FivePlusTwoView }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ComplianceTag report={report} />
      <Alert
        type="info"
        title={t('programme.report.rule', {
          minutes: report.settings.minDailyMinutes,
          time: report.settings.offWorkTime,
        })}
      />
      <Table
        rowKey="weekday"
        size="small"
        pagination={false}
        dataSource={report.days}
        columns={[
          {
            title: t('programme.report.weekday'),
            dataIndex: 'weekday',
            render: (d: number) => weekdayLabel(t, d),
          },
          {
            title: t('programme.report.service'),
            dataIndex: 'hasService',
            render: (v: boolean) => (v ? t('common.yes') : <Tag color="red">{t('common.no')}</Tag>),
          },
          {
            title: t('programme.report.minutes'),
            dataIndex: 'minutes',
            render: (m: number) =>
              m < report.settings.minDailyMinutes ? (
                <Tag color="red">{t('programme.common.minutes', { count: m })}</Tag>
              ) : (
                t('programme.common.minutes', { count: m })
              ),
          },
          {
            title: t('programme.report.latestEnd'),
            dataIndex: 'latestEnd',
            render: (e: string | null) =>
              e === null ? (
                t('programme.common.none')
              ) : e < report.settings.offWorkTime ? (
                <Tag color="red">{e}</Tag>
              ) : (
                e
              ),
          },
        ]}
      />
      {report.reasons.length > 0 && (
        <Alert
          type="warning"
          title={t('programme.report.reasons')}
          description={<ReasonList report={report} />}
        />
      )}
    </Space>
  );
}

export function ReportTab({ termId }: { termId: string }) {
  const phone = useIsPhone();
  const report = useFivePlusTwo(termId);
  return (
    <Card size={phone ? 'small' : undefined} loading={report.isLoading}>
      {report.error && <Alert type="error" title={errorMessage(report.error)} />}
      {report.data && <FivePlusTwoDetail report={report.data} />}
    </Card>
  );
}
