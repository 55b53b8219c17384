// ENR-2: the parent reads the school's agreement and signs by typing their name; once signed, the
// signature (version, time) and the A4 print view. Consent to processing the child's data is a
// separate, optional question (PIPL: a child under 14's data is sensitive personal information).
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApplicationView, ConsentState } from '../../../../src/features/enrolment/contract';
import { useSchoolId, useSession } from '../../app/session';
import { errorMessage } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { useIdempotentWrite } from './idempotency';
import { paths } from './paths';
import { schoolApi, termApi, useAgreement, useRefreshEnrolment } from './queries';

export function AgreementCard({ application, canSign }: { application: ApplicationView; canSign: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useSession();
  const schoolId = useSchoolId();
  const a = application;
  const signable = canSign && a.status === 'offered' && !a.signature;
  const agreement = useAgreement(a.termId, signable);
  const refresh = useRefreshEnrolment();
  const { send } = useIdempotentWrite();
  const { save, busy } = useSave();
  const [form] = Form.useForm<{ read: boolean; signedName: string }>();

  if (a.signature) {
    return (
      <Card size="small" title={t('enrol.agreementTitle')} data-testid="agreement-signed">
        <Space orientation="vertical" size={6}>
          <Space wrap>
            <Tag color="green">{t('enrol.signed')}</Tag>
            <span>
              {t('enrol.signedBy', {
                name: a.signature.signedName,
                time: dayjs(a.signature.signedAt).format('YYYY-MM-DD HH:mm'),
                version: a.signature.agreementVersion,
              })}
            </span>
          </Space>
          <Button icon={<PrinterOutlined />} onClick={() => navigate(paths.printAgreement(a.id))}>
            {t('enrol.printAgreement')}
          </Button>
        </Space>
      </Card>
    );
  }
  if (!signable) return null;

  const sign = async (values: { signedName: string }) => {
    const ok = await save(
      () =>
        send<ApplicationView>('POST', `${schoolApi(schoolId)}/applications/${a.id}/signature`, {
          agreementVersion: agreement.data?.version,
          signedName: values.signedName.trim(),
        }),
      () => refresh(),
      form,
      t('enrol.signDone'),
    );
    // A newer version may have been published meanwhile (AGREEMENT_VERSION_STALE): show it.
    if (!ok) void agreement.refetch();
  };

  return (
    <Card size="small" title={t('enrol.agreementTitle')} data-testid="agreement-card">
      {agreement.isLoading && <Spin />}
      {agreement.error && <Alert type="error" title={errorMessage(agreement.error)} />}
      {agreement.data && (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {agreement.data.title}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('enrol.version', { version: agreement.data.version })}
            </Typography.Text>
          </Typography.Title>
          <div className="kh-agreement-text" data-testid="agreement-text">
            {agreement.data.body}
          </div>
          <Form form={form} layout="vertical" onFinish={sign} requiredMark={false} style={{ marginTop: 12 }}>
            <Form.Item
              name="read"
              valuePropName="checked"
              rules={[
                {
                  validator: (_, v) =>
                    v ? Promise.resolve() : Promise.reject(new Error(t('enrol.mustRead'))),
                },
              ]}
            >
              <Checkbox>{t('enrol.haveRead')}</Checkbox>
            </Form.Item>
            <Form.Item
              name="signedName"
              label={t('enrol.typeName')}
              extra={t('enrol.typeNameHint', { name: me?.user.displayName ?? '' })}
              rules={[{ required: true, whitespace: true, message: t('enrol.typeNameRequired') }]}
            >
              <Input maxLength={30} autoComplete="name" className="kh-sign-input" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} disabled={busy}>
              {t('enrol.sign')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}

export function ConsentCard({
  application,
  canDecide,
}: {
  application: ApplicationView;
  canDecide: boolean;
}) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const a = application;
  const refresh = useRefreshEnrolment();
  const { send, renew } = useIdempotentWrite();
  const { save, busy } = useSave();
  const [choice, setChoice] = useState<ConsentState>(a.consent);
  if (a.status === 'draft' || a.status === 'withdrawn') return null;

  const decide = (granted: boolean) =>
    save(
      () =>
        send('POST', `${termApi(schoolId, a.termId)}/students/${a.studentId}/consent`, {
          granted,
        }),
      () => {
        renew();
        refresh();
      },
    );

  return (
    <Card size="small" title={t('enrol.consentTitle')} data-testid="consent-card">
      <Typography.Paragraph style={{ marginTop: 0 }}>{t('enrol.consentText')}</Typography.Paragraph>
      <Alert type="info" showIcon title={t('enrol.consentOptional')} style={{ marginBottom: 12 }} />
      <Space wrap>
        <span>{t('enrol.consentNow')}</span>
        <Tag color={a.consent === 'granted' ? 'green' : a.consent === 'refused' ? 'red' : 'default'}>
          {t(`enrol.consent.${a.consent}`)}
        </Tag>
      </Space>
      {canDecide && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value)}>
            <Space orientation="vertical">
              <Radio value="granted">{t('enrol.consentGrant')}</Radio>
              <Radio value="refused">{t('enrol.consentRefuse')}</Radio>
            </Space>
          </Radio.Group>
          <Button
            onClick={() => decide(choice === 'granted')}
            loading={busy}
            disabled={busy || choice === 'unknown' || choice === a.consent}
          >
            {t('enrol.consentSave')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
