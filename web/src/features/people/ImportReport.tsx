// What a roster check found: the rows to fix, or the changes an import will make.
import { Alert, Card, Col, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RosterImportResult, RosterProblem } from '../../../../src/features/people/contract';
import { fieldLabel, type RosterField, rosterFields } from '../../../../src/features/people/roster';

export function ImportProblems({ message, problems }: { message: string; problems: RosterProblem[] }) {
  const { t, i18n } = useTranslation();
  return (
    <div data-testid="import-problems">
      <Alert type="error" showIcon title={message} style={{ marginBottom: 12 }} />
      <Table<RosterProblem>
        size="small"
        rowKey={(p) => `${p.row}-${p.field}-${p.code}`}
        pagination={problems.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 'max-content' }}
        dataSource={problems}
        columns={[
          { title: t('import.row'), dataIndex: 'row', width: 70 },
          {
            title: t('import.column'),
            dataIndex: 'field',
            width: 90,
            render: (f: string) =>
              (rosterFields as readonly string[]).includes(f)
                ? fieldLabel(f as RosterField, i18n.language === 'en' ? 'en' : 'zh-CN')
                : f,
          },
          { title: t('import.value'), dataIndex: 'value', width: 120 },
          { title: t('import.problem'), dataIndex: 'message' },
        ]}
      />
    </div>
  );
}

export function ImportSummary({ result, title }: { result: RosterImportResult; title?: string }) {
  const { t } = useTranslation();
  const keys = [
    'rows',
    'studentsCreated',
    'studentsUpdated',
    'studentsUnchanged',
    'guardiansCreated',
    'accountsCreated',
    'classesCreated',
  ] as const;
  return (
    <Card size="small" title={title} data-testid="import-summary">
      <Row gutter={[12, 12]}>
        {keys.map((k) => (
          <Col key={k} xs={12} sm={8} md={6}>
            <Statistic title={t(`import.${k}`)} value={result[k]} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
