// SAFE-3 for the school's administrator: the emergency plan and the school's own emergency phones,
// saved as a new version each time (the Today page shows the latest to whoever is on duty).
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { put } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { useSave } from '../../app/useSave';
import { type EmergencyPlan, schoolApi, useEmergencyPlan, useRefreshDaily } from './queries';

export function EmergencyPlanPage() {
  const plan = useEmergencyPlan();
  if (plan.isLoading || !plan.data) return <Spin />;
  return <PlanForm plan={plan.data} />;
}

function PlanForm({ plan }: { plan: EmergencyPlan }) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const refresh = useRefreshDaily();
  const { save, busy } = useSave();
  const [form] = Form.useForm<{ plan: string; contacts: { label: string; phone: string }[] }>();
  return (
    <div style={{ maxWidth: 760 }}>
      <Typography.Title level={3}>{t('daily.emergency.title')}</Typography.Title>
      {plan.version && (
        <Typography.Paragraph type="secondary">
          {t('daily.emergency.version', { version: plan.version })}
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ plan: plan.plan, contacts: plan.contacts }}
        onFinish={async (v) => {
          if (
            await save(
              () =>
                put(`${schoolApi(schoolId)}/emergency-plan`, { plan: v.plan, contacts: v.contacts ?? [] }),
              () => undefined,
              form,
              t('daily.emergency.saved'),
            )
          )
            await refresh();
        }}
      >
        <Form.Item name="plan" label={t('daily.emergency.plan')} rules={[{ required: true, max: 10_000 }]}>
          <Input.TextArea rows={12} />
        </Form.Item>
        <Typography.Text strong>{t('daily.emergency.contacts')}</Typography.Text>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, max: 40 }]} noStyle>
                    <Input placeholder={t('daily.emergency.label')} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'phone']}
                    rules={[{ required: true, pattern: /^[0-9+\-() ]{3,20}$/ }]}
                    noStyle
                  >
                    <Input placeholder={t('daily.emergency.phone')} style={{ width: 180 }} inputMode="tel" />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ label: '', phone: '' })}
                style={{ marginTop: 8 }}
              >
                {t('daily.emergency.addContact')}
              </Button>
            </>
          )}
        </Form.List>
        <div style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('daily.emergency.save')}
          </Button>
        </div>
      </Form>
    </div>
  );
}
