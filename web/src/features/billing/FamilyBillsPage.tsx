// The parent's money page, on a phone: each child's balance this term for service fees and meals,
// opening the child's bill (what is owed and why, payments with receipts, refunds and their status).
import { WalletOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, List, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatYuan } from '../../../../src/features/billing/money';
import { errorMessage } from '../../app/ui';
import { TermPicker } from '../enrolment/parts';
import { useTermChoice } from '../enrolment/queries';
import { useFamilyBills } from './queries';

export function FamilyBillsPage() {
  const { t } = useTranslation();
  const { terms, term, choose, loading, error } = useTermChoice('running');
  const bills = useFamilyBills(term?.id);
  if (loading) return <Spin />;
  if (error) return <Alert type="error" title={errorMessage(error)} />;
  const items = bills.data?.items ?? [];
  const balance = (fen: number) => (
    <Typography.Text strong type={fen > 0 ? 'danger' : undefined}>
      {formatYuan(fen)}
    </Typography.Text>
  );
  return (
    <div>
      <h2 style={{ marginTop: 0 }}>
        <WalletOutlined /> {t('bills.family.title')}
      </h2>
      <Typography.Paragraph type="secondary">{t('bills.family.lead')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <TermPicker terms={terms} value={term?.id} onChange={choose} />
      </Space>
      {bills.error ? <Alert type="error" title={errorMessage(bills.error)} /> : null}
      {bills.isLoading && <Spin />}
      {!bills.isLoading && items.length === 0 && <Empty description={t('bills.family.noChildren')} />}
      <List
        dataSource={items}
        renderItem={(c) => (
          <Card
            size="small"
            style={{ marginBottom: 12 }}
            title={`${c.student.name} · ${c.student.classLabel}`}
            extra={<Link to={`/billing/bills/${term?.id}/${c.student.id}`}>{t('bills.family.view')}</Link>}
            data-testid="family-child"
          >
            <Space orientation="vertical" size={4}>
              <span>
                {t('bills.family.service')}：{balance(c.serviceBalanceFen)}
              </span>
              <span>
                {t('bills.family.meal')}：{balance(c.mealBalanceFen)}
              </span>
              <Typography.Text type="secondary">{t('bills.balanceHint')}</Typography.Text>
            </Space>
          </Card>
        )}
      />
    </div>
  );
}
