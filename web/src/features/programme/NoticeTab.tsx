// The notice editor (PROG-7): the school's own paragraphs as a draft, a preview of the whole notice
// as families will see it, publishing a new version, the published versions and the A4 print view.
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, List, Popconfirm, Row, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { NoticeTexts } from '../../../../src/features/programme/contract';
import { post, put } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { NoticeView } from './NoticeView';
import { termUrl, useNoticeDraft, useNoticePreview, useNoticeVersions, useRefresh } from './queries';

const fields: (keyof NoticeTexts)[] = ['greeting', 'applyMethod', 'safety', 'notes', 'contact'];

export function NoticeTab({ termId }: { termId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const draft = useNoticeDraft(termId);
  const versions = useNoticeVersions(termId);
  const [previewing, setPreviewing] = useState(false);
  const preview = useNoticePreview(termId, previewing);
  const refresh = useRefresh();
  const { save, busy } = useSave();
  const [form] = Form.useForm<NoticeTexts>();
  const [publishing, setPublishing] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => {
    if (draft.data) form.setFieldsValue(draft.data.texts);
  }, [draft.data, form]);

  const saveDraft = (texts: NoticeTexts) =>
    save(
      () => put(`${termUrl(schoolId, termId)}/notice/draft`, texts),
      () => void refresh(),
      form,
    );
  const publish = async () => {
    setPublishing(true);
    setRefusal(null);
    try {
      if (!(await saveDraft(form.getFieldsValue()))) return;
      const result = await post<{ version: number }>(`${termUrl(schoolId, termId)}/notice/publish`);
      message.success(t('programme.notice.published', { version: result.version }));
      await refresh();
    } catch (e) {
      setRefusal(errorMessage(e));
    } finally {
      setPublishing(false);
    }
  };

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={previewing ? 10 : 16}>
        <Card
          size={phone ? 'small' : undefined}
          title={t('programme.notice.editor')}
          loading={draft.isLoading}
        >
          <Alert
            type="info"
            showIcon
            title={t('programme.notice.composedHint')}
            style={{ marginBottom: 12 }}
          />
          {refusal && (
            <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="refusal" />
          )}
          <Form<NoticeTexts> form={form} layout="vertical" onFinish={saveDraft}>
            {fields.map((name) => (
              <Form.Item key={name} name={name} label={t(`programme.notice.${name}`)}>
                <Input.TextArea
                  autoSize={{ minRows: 2, maxRows: 10 }}
                  maxLength={name === 'contact' ? 1000 : 4000}
                />
              </Form.Item>
            ))}
            <Space wrap>
              <Button htmlType="submit" loading={busy}>
                {t('programme.notice.saveDraft')}
              </Button>
              <Button
                onClick={async () => {
                  await saveDraft(form.getFieldsValue());
                  setPreviewing(true);
                  await preview.refetch();
                }}
              >
                {t('programme.notice.preview')}
              </Button>
              <Popconfirm title={t('programme.notice.publishConfirm')} onConfirm={publish}>
                <Button type="primary" loading={publishing}>
                  {t('programme.notice.publish')}
                </Button>
              </Popconfirm>
              <Button
                icon={<PrinterOutlined />}
                onClick={() => navigate(`/print/notice/${termId}?preview=1`)}
              >
                {t('programme.notice.printPreview')}
              </Button>
            </Space>
          </Form>
        </Card>
      </Col>
      {previewing && (
        <Col xs={24} lg={14}>
          <Card
            size={phone ? 'small' : undefined}
            title={t('programme.notice.preview')}
            loading={preview.isFetching}
            extra={
              <Button type="link" onClick={() => setPreviewing(false)}>
                {t('common.cancel')}
              </Button>
            }
          >
            {preview.error && <Alert type="error" title={errorMessage(preview.error)} />}
            {preview.data && <NoticeView content={preview.data} compact={phone} />}
          </Card>
        </Col>
      )}
      <Col xs={24} lg={previewing ? 24 : 8}>
        <Card size="small" title={t('programme.notice.versions')} loading={versions.isLoading}>
          <List
            dataSource={versions.data?.items ?? []}
            locale={{ emptyText: t('programme.term.noNotice') }}
            renderItem={(v) => (
              <List.Item
                actions={[
                  <Button
                    key="print"
                    type="link"
                    size="small"
                    icon={<PrinterOutlined />}
                    onClick={() => navigate(`/print/notice/${termId}?version=${v.version}`)}
                  >
                    {t('programme.notice.print')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={t('programme.notice.version', { version: v.version })}
                  description={t('programme.notice.publishedAt', {
                    time: dayjs(v.publishedAt).format('YYYY-MM-DD HH:mm'),
                    name: v.publishedBy,
                  })}
                />
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
