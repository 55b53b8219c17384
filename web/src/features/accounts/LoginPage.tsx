// Sign-in: with a password, or the first time with the one-time code from the school.
import { Alert, Button, Card, Form, Input, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { Me } from '../../../../src/features/accounts/contract';
import { post } from '../../app/api';
import { useSession } from '../../app/session';
import { applyFieldErrors, errorMessage } from '../../app/ui';

function useFinish() {
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  return (me: Me) => {
    signedIn(me);
    navigate(from, { replace: true });
  };
}

function PasswordForm() {
  const { t } = useTranslation();
  const finish = useFinish();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onFinish = async (values: { account: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      finish(await post<Me>('/api/v1/auth/login', values));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form name="login" layout="vertical" onFinish={onFinish} requiredMark={false}>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
      <Form.Item
        name="account"
        label={t('login.account')}
        rules={[{ required: true, message: t('login.required') }]}
      >
        <Input placeholder={t('login.accountHint')} autoComplete="username" size="large" />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('login.password')}
        rules={[{ required: true, message: t('login.required') }]}
      >
        <Input.Password autoComplete="current-password" size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}

function FirstLoginForm() {
  const { t } = useTranslation();
  const finish = useFinish();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onFinish = async (values: { account: string; code: string; newPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      finish(await post<Me>('/api/v1/auth/first-login', values));
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, message: t('login.required') }];
  return (
    <Form name="first-login" form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
      <Form.Item name="account" label={t('login.phone')} extra={t('login.phoneOrUsername')} rules={required}>
        <Input autoComplete="username" size="large" />
      </Form.Item>
      <Form.Item name="code" label={t('login.code')} rules={required}>
        <Input autoComplete="one-time-code" size="large" style={{ textTransform: 'uppercase' }} />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('login.newPassword')}
        rules={required}
        extra={t('login.passwordRule')}
      >
        <Input.Password autoComplete="new-password" size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('login.firstSubmit')}
      </Button>
    </Form>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const { lang, setLang } = useSession();
  return (
    <div className="kh-login">
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={3} style={{ color: '#1f7a5c', margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Button type="link" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
            {t('menu.language')}
          </Button>
        </div>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        <Tabs
          items={[
            { key: 'password', label: t('login.title'), children: <PasswordForm /> },
            { key: 'first', label: t('login.firstTab'), children: <FirstLoginForm /> },
          ]}
        />
      </Card>
    </div>
  );
}
