// The district's view of 5+2 (PROG-4, DIST-1): every school with its current terms, whether each
// complies, and why not.
import { Alert, Card, DatePicker, List, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistrictReport } from '../../../../src/features/programme/contract';
import { useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { useDistrictReport } from './queries';
import { ComplianceTag, ReasonList } from './ReportTab';

type SchoolItem = DistrictReport['items'][number];

function TermLines({ school }: { school: SchoolItem }) {
  const { t } = useTranslation();
  if (!school.terms.length)
    return <Typography.Text type="secondary">{t('programme.report.noTerms')}</Typography.Text>;
  return (
    <Space direction="vertical" size={4}>
      {school.terms.map((term) => (
        <div key={term.termId}>
          <Space wrap>
            <span>{term.name}</span>
            <Typography.Text type="secondary">
              {term.startsOn} ~ {term.endsOn}
            </Typography.Text>
            <ComplianceTag report={term.report} />
          </Space>
          <ReasonList report={term.report} />
        </div>
      ))}
    </Space>
  );
}

export function DistrictReportPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { school } = useSession();
  const [from, setFrom] = useState<Dayjs | null>(null);
  const report = useDistrictReport(school?.districtId, from?.format('YYYY-MM-DD'));
  const items = report.data?.items ?? [];
  const withTerms = items.filter((s) => s.terms.length);
  const ok = withTerms.filter((s) => s.terms.every((term) => term.report.compliant)).length;

  return (
    <Card
      size={phone ? 'small' : undefined}
      title={t('programme.menu.district')}
      extra={
        <DatePicker
          value={from}
          onChange={setFrom}
          placeholder={t('programme.report.from')}
          aria-label={t('programme.report.from')}
          inputReadOnly={phone}
        />
      }
    >
      {report.error && <Alert type="error" title={errorMessage(report.error)} />}
      {report.data && (
        <Typography.Paragraph strong>
          {t('programme.report.summary', { ok, all: withTerms.length })}
        </Typography.Paragraph>
      )}
      {phone ? (
        <List<SchoolItem>
          loading={report.isLoading}
          dataSource={items}
          rowKey="schoolId"
          renderItem={(s) => (
            <List.Item>
              <Space direction="vertical" size={4}>
                <Typography.Text strong>{s.schoolName}</Typography.Text>
                <TermLines school={s} />
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<SchoolItem>
          rowKey="schoolId"
          loading={report.isLoading}
          dataSource={items}
          pagination={false}
          columns={[
            { title: t('programme.report.school'), dataIndex: 'schoolName', width: 220 },
            { title: t('programme.report.term'), key: 'terms', render: (_, s) => <TermLines school={s} /> },
          ]}
        />
      )}
    </Card>
  );
}
