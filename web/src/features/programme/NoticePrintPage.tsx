// The notice to parents on A4 paper: a published version (the latest, or ?version=N), or the
// school's preview (?preview=1) before publishing.
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../app/ui';
import '../people/print.css';
import { NoticeView } from './NoticeView';
import { useNoticePreview, usePublishedNotice } from './queries';

export function NoticePrintPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { termId = '' } = useParams();
  const [params] = useSearchParams();
  const isPreview = params.get('preview') === '1';
  const version = params.get('version') ? Number(params.get('version')) : undefined;
  const published = usePublishedNotice(isPreview ? undefined : termId, version);
  const preview = useNoticePreview(termId, isPreview);
  const content = isPreview ? preview.data : published.data?.content;
  const error = isPreview ? preview.error : published.error;
  const loading = isPreview ? preview.isLoading : published.isLoading;

  return (
    <div className="kh-print-root">
      <Space className="no-print kh-print-bar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!content}>
          {t('common.print')}
        </Button>
      </Space>
      {error && <Alert type="error" title={errorMessage(error)} />}
      {loading && <Spin style={{ display: 'block', margin: 48 }} />}
      {content && (
        <section className="kh-sheet" data-testid="notice-sheet">
          <NoticeView content={content} publishedAt={published.data?.publishedAt} />
        </section>
      )}
    </div>
  );
}
