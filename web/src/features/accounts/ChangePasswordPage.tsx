// Changing one's own password (POST /api/v1/me/password).
import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../app/api';
import { applyFieldErrors, errorMessage } from '../../app/ui';
import { ChannelEmailCard } from '../notify/ChannelEmailCard';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const onFinish = async ({ currentPassword, newPassword }: Values) => {
    setBusy(true);
    try {
      await post('/api/v1/me/password', { currentPassword, newPassword });
      message.success(t('password.done'));
      form.resetFields();
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const required = { required: true, message: t('login.required') };
  return (
    <>
      <Card title={t('password.title')} style={{ maxWidth: 480 }}>
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={[required]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            rules={[required]}
            extra={t('login.passwordRule')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t('password.repeat')}
            dependencies={['newPassword']}
            rules={[
              required,
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      {/* notify channels: where a school's mail channel reaches this account */}
      <ChannelEmailCard />
    </>
  );
}
