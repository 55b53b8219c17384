// The walk-home-alone permit on the parent's page (DAY-5): sign by typing one's name, see its
// state, print the card, revoke.
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Checkbox, Divider, Form, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { post } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { useSave } from '../../app/useSave';
import { useTerms } from '../programme/queries';
import { schoolPath, usePermits, usePickupRefresh } from './PickupQueries';

const weekdays = [1, 2, 3, 4, 5, 6, 7];
const stateColour: Record<string, string> = {
  valid: 'green',
  revoked: 'red',
  expired: 'default',
  not_started: 'blue',
  not_today: 'gold',
};

export function PermitCard({ studentId, studentName }: { studentId: string; studentName: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const schoolId = useSchoolId();
  const permits = usePermits(studentId);
  const terms = useTerms();
  const refresh = usePickupRefresh();
  const { save, busy } = useSave();
  const [form] = Form.useForm();
  const items = permits.data?.items ?? [];
  const today = new Date().toISOString().slice(0, 10);
  const openTerms = (terms.data?.items ?? []).filter((term) => term.endsOn >= today);
  const active = items.find((p) => !p.revokedAt && p.state !== 'expired');
  return (
    <div data-testid="permit-card">
      <Divider titlePlacement="start">{t('pickup.permit.title')}</Divider>
      {items.length === 0 && <Typography.Text type="secondary">{t('pickup.permit.none')}</Typography.Text>}
      {items.map((p) => (
        <div key={p.id} style={{ marginBottom: 8 }}>
          <Space wrap>
            <Tag color={stateColour[p.state]}>{t(`pickup.permit.states.${p.state}`)}</Tag>
            <span>{p.termName}</span>
            <span>{p.weekdays.map((d) => t(`pickup.weekday.${d}`)).join(' ')}</span>
          </Space>
          {!p.revokedAt && (
            <Space wrap style={{ marginTop: 4 }}>
              <Button icon={<PrinterOutlined />} onClick={() => navigate(`/print/permit/${p.id}`)}>
                {t('pickup.permit.print')}
              </Button>
              <Popconfirm
                title={t('pickup.permit.revokeConfirm')}
                onConfirm={() =>
                  save(
                    () => post(`${schoolPath(schoolId)}/permits/${p.id}/revoke`),
                    () => void refresh(),
                  )
                }
              >
                <Button danger data-testid="permit-revoke">
                  {t('pickup.permit.revoke')}
                </Button>
              </Popconfirm>
            </Space>
          )}
        </div>
      ))}
      {!active && openTerms.length > 0 && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ termId: openTerms[0]?.id, weekdays: [1, 2, 3, 4, 5] }}
          onFinish={(values) =>
            save(
              () => post(`${schoolPath(schoolId)}/students/${studentId}/permits`, values),
              () => {
                form.resetFields();
                void refresh();
              },
              form,
              t('pickup.permit.signed'),
            )
          }
        >
          <Typography.Paragraph>
            <strong>{studentName}</strong>：{t('pickup.permit.signHint')}
          </Typography.Paragraph>
          <Form.Item name="termId" label={t('pickup.permit.term')} rules={[{ required: true }]}>
            <Select options={openTerms.map((term) => ({ value: term.id, label: term.name }))} />
          </Form.Item>
          <Form.Item name="weekdays" label={t('pickup.permit.weekdays')} rules={[{ required: true }]}>
            <Checkbox.Group options={weekdays.map((d) => ({ value: d, label: t(`pickup.weekday.${d}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('pickup.permit.note')}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="signedName" label={t('pickup.permit.signedName')} rules={[{ required: true }]}>
            <Input maxLength={30} data-testid="permit-signed-name" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={busy}
            block
            size="large"
            data-testid="permit-sign"
          >
            {t('pickup.permit.submit')}
          </Button>
        </Form>
      )}
    </div>
  );
}
