// The term end (多还少补): once every month of the term is settled, finance closes every student's balance
// per stream; an over-payment becomes a refund proposal, a shortfall is told to the family.
import { App, Button, Card, Empty, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatYuan } from '../../../../src/features/billing/money';
import { post } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { TermPicker } from '../enrolment/parts';
import { useTermChoice } from '../enrolment/queries';
import { type ClosingView, settlementPaths, termApi, useClosings, useRefreshSettle } from './queries';

const outcomeColor: Record<string, string> = { refund: 'blue', shortfall: 'red', even: 'green' };

export function TermEndPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const writable = useSession().can('settlement.run');
  const { terms, term, choose } = useTermChoice('running');
  const closings = useClosings(term?.id);
  const refresh = useRefreshSettle();
  const [busy, setBusy] = useState(false);

  const closeAll = async () => {
    if (!term) return;
    setBusy(true);
    try {
      const res = await post<{ closed: ClosingView[]; alreadyClosed: number }>(
        `${termApi(schoolId, term.id)}/closings`,
        {},
      );
      message.success(t('settle.termEnd.closed', { count: res.closed.length, skipped: res.alreadyClosed }));
      await refresh();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const outcome = (c: ClosingView) => (
    <Tag color={outcomeColor[c.outcome]}>{t(`settle.termEnd.outcomes.${c.outcome}`)}</Tag>
  );
  const columns: ColumnsType<ClosingView> = [
    { title: t('settle.student'), dataIndex: 'studentName' },
    {
      title: t('settle.refunds.stream'),
      dataIndex: 'stream',
      render: (v: string) => t(`settle.refunds.streams.${v}`),
    },
    { title: t('settle.termEnd.paid'), dataIndex: 'paidFen', align: 'right', render: formatYuan },
    { title: t('settle.termEnd.net'), dataIndex: 'netFen', align: 'right', render: formatYuan },
    { title: t('settle.termEnd.balance'), dataIndex: 'balanceFen', align: 'right', render: formatYuan },
    {
      title: t('settle.termEnd.outcome'),
      key: 'o',
      render: (_, c) => (
        <Space>
          {outcome(c)}
          {c.refundId && <Link to={settlementPaths.refunds}>{t('settle.termEnd.refundLink')}</Link>}
        </Space>
      ),
    },
  ];

  return (
    <Card
      size={phone ? 'small' : undefined}
      title={t('settle.termEnd.title')}
      extra={<TermPicker terms={terms} value={term?.id} onChange={choose} />}
      loading={closings.isLoading}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('settle.termEnd.hint')}</Typography.Paragraph>
        {writable && (
          <Popconfirm title={t('settle.termEnd.closeConfirm')} onConfirm={closeAll}>
            <Button type="primary" loading={busy} disabled={!term}>
              {t('settle.termEnd.closeAll')}
            </Button>
          </Popconfirm>
        )}
        {phone ? (
          <List
            dataSource={closings.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('settle.termEnd.empty')} /> }}
            renderItem={(c) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text strong>{c.studentName}</Typography.Text>
                  {outcome(c)}
                  <Typography.Text>
                    {t('settle.termEnd.balance')} {formatYuan(c.balanceFen)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<ClosingView>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={closings.data?.items ?? []}
            locale={{ emptyText: t('settle.termEnd.empty') }}
          />
        )}
      </Space>
    </Card>
  );
}
