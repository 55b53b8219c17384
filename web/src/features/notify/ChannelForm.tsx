// Adding or editing one channel. The secret field is empty on edit: left empty, the stored secret
// stays; typed, it replaces it. The page never receives the stored value.
import { App, Button, Form, Input, InputNumber, Modal, Radio, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelView } from '../../../../src/features/notify/channel-contract';
import { post, put } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { applyFieldErrors, errorMessage } from '../../app/ui';
import { newIdempotencyKey } from '../enrolment/idempotency';
import { channelApi } from './channel-queries';

interface Values {
  name: string;
  enabled: boolean;
  audience: 'all' | 'staff';
  url?: string;
  secret?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  password?: string;
  from?: string;
}

export function ChannelForm({
  channel,
  kind,
  onClose,
  onSaved,
}: {
  channel: ChannelView | null;
  kind: 'webhook' | 'smtp';
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const schoolId = useSchoolId();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const save = async (v: Values) => {
    setBusy(true);
    const body =
      kind === 'webhook'
        ? {
            kind,
            name: v.name,
            enabled: v.enabled,
            audience: v.audience,
            url: v.url,
            ...(v.secret ? { secret: v.secret } : {}),
          }
        : {
            kind,
            name: v.name,
            enabled: v.enabled,
            audience: v.audience,
            host: v.host,
            port: v.port,
            secure: v.secure ?? false,
            user: v.user?.trim() ? v.user.trim() : null,
            from: v.from,
            ...(v.password ? { password: v.password } : {}),
          };
    try {
      if (channel) await put(`${channelApi(schoolId)}/${channel.id}`, body);
      else await post(channelApi(schoolId), body);
      message.success(t('channel.saved'));
      onSaved();
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, message: t('login.required') };
  return (
    <Modal
      open
      title={
        channel
          ? `${t('channel.edit')} · ${channel.name}`
          : kind === 'webhook'
            ? t('channel.addWebhook')
            : t('channel.addSmtp')
      }
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={save}
        initialValues={{
          name: channel?.name ?? '',
          enabled: channel?.enabled ?? true,
          audience: channel?.audience ?? 'all',
          url: channel?.url ?? '',
          host: channel?.host ?? '',
          port: channel?.port ?? 465,
          secure: channel?.secure ?? true,
          user: channel?.user ?? '',
          from: channel?.from ?? '',
        }}
      >
        <Form.Item name="name" label={t('channel.name')} rules={[required]}>
          <Input maxLength={60} data-testid="channel-name" />
        </Form.Item>
        <Form.Item name="enabled" label={t('channel.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="audience" label={t('channel.audience')}>
          <Radio.Group>
            <Radio.Button value="all">{t('channel.audiences.all')}</Radio.Button>
            <Radio.Button value="staff">{t('channel.audiences.staff')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {kind === 'webhook' ? (
          <>
            <Form.Item name="url" label={t('channel.url')} rules={[required]}>
              <Input placeholder="https://" data-testid="channel-url" />
            </Form.Item>
            <Form.Item label={t('channel.secret')} extra={t('channel.secretHint')} required={!channel}>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="secret" noStyle rules={channel ? [] : [required, { min: 16 }]}>
                  <Input.Password
                    placeholder={channel?.secretSet ? t('channel.secretKeep') : ''}
                    autoComplete="new-password"
                    data-testid="channel-secret"
                  />
                </Form.Item>
                <Button
                  onClick={() => form.setFieldValue('secret', newIdempotencyKey() + newIdempotencyKey())}
                >
                  {t('channel.generate')}
                </Button>
              </Space.Compact>
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="host" label={t('channel.host')} rules={[required]}>
              <Input placeholder="smtp.example.com" data-testid="channel-host" />
            </Form.Item>
            <Form.Item name="port" label={t('channel.port')} rules={[required]}>
              <InputNumber min={1} max={65535} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="secure" label={t('channel.secure')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="user" label={t('channel.user')}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="password" label={t('channel.password')}>
              <Input.Password
                placeholder={channel?.secretSet ? t('channel.secretKeep') : ''}
                autoComplete="new-password"
              />
            </Form.Item>
            <Form.Item name="from" label={t('channel.from')} rules={[required]}>
              <Input placeholder="课后服务 <kehou@school.example>" />
            </Form.Item>
          </>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="channel-save">
            {t('channel.save')}
          </Button>
          <Button onClick={onClose}>{t('channel.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
