// The school's view of walk-home-alone permits (DAY-5): who may leave alone, on which days, signed
// by whom and when, and the state today; a card can be reprinted.
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage, useIsPhone } from '../../app/ui';
import { usePermits } from './PickupQueries';

const stateColour: Record<string, string> = {
  valid: 'green',
  revoked: 'red',
  expired: 'default',
  not_started: 'blue',
  not_today: 'gold',
};

export function PermitListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const permits = usePermits();
  if (permits.error) return <Alert type="error" title={errorMessage(permits.error)} />;
  return (
    <div data-testid="permit-list-page">
      <h2 style={{ marginTop: 0 }}>{t('pickup.permit.title')}</h2>
      <Table
        rowKey="id"
        size={phone ? 'small' : 'middle'}
        loading={permits.isLoading}
        dataSource={permits.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        scroll={{ x: true }}
        columns={[
          { title: t('student.name'), dataIndex: 'studentName' },
          { title: t('pickup.permit.class'), dataIndex: 'className' },
          {
            title: t('pickup.permit.weekdays'),
            render: (_, p) => p.weekdays.map((d) => t(`pickup.weekday.${d}`)).join(' '),
          },
          {
            title: t('pickup.permit.stateToday'),
            render: (_, p) => <Tag color={stateColour[p.state]}>{t(`pickup.permit.states.${p.state}`)}</Tag>,
          },
          {
            title: t('pickup.permit.signedBy'),
            render: (_, p) => `${p.signedName} · ${dayjs(p.signedAt).format('YYYY-MM-DD HH:mm')}`,
          },
          {
            title: '',
            render: (_, p) =>
              p.revokedAt ? null : (
                <Button icon={<PrinterOutlined />} onClick={() => navigate(`/print/permit/${p.id}`)}>
                  {t('pickup.permit.print')}
                </Button>
              ),
          },
        ]}
      />
    </div>
  );
}
