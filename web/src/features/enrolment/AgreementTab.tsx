// The school's agreement text (安全责任书 / 服务协议, ENR-2) for a term: the version families sign
// now, and publishing a new version. Signatures keep the version they signed, so earlier ones stand.
import { Alert, Button, Card, Empty, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { useIsPhone } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { type AgreementView, termApi, useAgreement } from './queries';

interface AgreementForm {
  title: string;
  body: string;
}

export function AgreementTab({ termId }: { termId: string }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const current = useAgreement(termId);
  const [form] = Form.useForm<AgreementForm>();
  const [editing, setEditing] = useState(false);
  const { save, busy } = useSave();

  const startEditing = () => {
    form.setFieldsValue({
      title: current.data?.title ?? t('enrol.agreementTitle'),
      body: current.data?.body ?? '',
    });
    setEditing(true);
  };
  const publish = (values: AgreementForm) =>
    save(
      () => post<AgreementView>(`${termApi(schoolId, termId)}/agreement`, values),
      () => {
        setEditing(false);
        void current.refetch();
      },
      form,
      t('enrol.agreementAdmin.published'),
    );

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('enrol.agreementAdmin.hint')} />
      {editing ? (
        <Card size={phone ? 'small' : undefined} title={t('enrol.agreementAdmin.newVersion')}>
          <Form form={form} layout="vertical" onFinish={publish}>
            <Form.Item
              name="title"
              label={t('enrol.agreementAdmin.titleLabel')}
              rules={[{ required: true, max: 100 }]}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="body"
              label={t('enrol.agreementAdmin.bodyLabel')}
              rules={[{ required: true, max: 20000 }]}
            >
              <Input.TextArea autoSize={{ minRows: 10, maxRows: 30 }} maxLength={20000} showCount />
            </Form.Item>
            <Space wrap>
              <Popconfirm title={t('enrol.agreementAdmin.confirm')} onConfirm={() => form.submit()}>
                <Button type="primary" loading={busy}>
                  {t('enrol.agreementAdmin.publish')}
                </Button>
              </Popconfirm>
              <Button onClick={() => setEditing(false)}>{t('enrol.agreementAdmin.cancel')}</Button>
            </Space>
          </Form>
        </Card>
      ) : (
        <Card
          size={phone ? 'small' : undefined}
          loading={current.isLoading}
          title={
            current.data
              ? t('enrol.agreementAdmin.current', { version: current.data.version })
              : t('enrol.agreementAdmin.none')
          }
          extra={<Button onClick={startEditing}>{t('enrol.agreementAdmin.newVersion')}</Button>}
        >
          {current.data ? (
            <>
              <Typography.Title level={5}>{current.data.title}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                {current.data.body}
              </Typography.Paragraph>
            </>
          ) : (
            <Empty description={t('enrol.agreementAdmin.none')} />
          )}
        </Card>
      )}
    </Space>
  );
}
