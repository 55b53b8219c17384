// The signed-in account's email, where a school's SMTP channel sends its notifications.

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, put } from '../../app/api';
import { applyFieldErrors, errorMessage } from '../../app/ui';

export function ChannelEmailCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ email: string }>();
  const [busy, setBusy] = useState(false);
  const contact = useQuery({
    queryKey: ['me-contact'],
    queryFn: () => get<{ email: string | null }>('/api/v1/me/contact'),
  });

  const save = async ({ email }: { email: string }) => {
    setBusy(true);
    try {
      await put('/api/v1/me/contact', { email: email?.trim() ? email.trim() : null });
      void client.invalidateQueries({ queryKey: ['me-contact'] });
      message.success(t('channel.emailSaved'));
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (contact.isLoading) return null;
  return (
    <Card title={t('channel.email')} style={{ maxWidth: 480, marginTop: 16 }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ email: contact.data?.email ?? '' }}
        requiredMark={false}
      >
        <Form.Item name="email" label={t('channel.email')} extra={t('channel.emailHint')}>
          <Input type="email" autoComplete="email" data-testid="my-email" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('channel.save')}
        </Button>
      </Form>
    </Card>
  );
}
