// The published notice to parents (告家长书, PROG-7) for everyone at the school, parents first:
// readable on a phone, with the term to choose and a print view.
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Select, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { errorMessage, useIsPhone } from '../../app/ui';
import { NoticeView } from './NoticeView';
import { currentTerm, usePublishedNotice, useTerms } from './queries';

export function NoticePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const terms = useTerms();
  const published = (terms.data?.items ?? []).filter((term) => term.noticeVersion !== null);
  // A link may name the term (`/notice?term=<id>`, e.g. from the enrolment page); else the current one.
  const [params] = useSearchParams();
  const [termId, setTermId] = useState<string | undefined>(params.get('term') ?? undefined);
  useEffect(() => {
    if (!termId && published.length) setTermId(currentTerm(published)?.id);
  }, [termId, published]);
  const notice = usePublishedNotice(termId);

  if (terms.isLoading) return <Spin />;
  if (!published.length) return <Empty description={t('programme.notice.noTerms')} />;
  return (
    <Card
      size={phone ? 'small' : undefined}
      title={
        published.length > 1 ? (
          <Select
            value={termId}
            onChange={setTermId}
            aria-label={t('programme.notice.term')}
            options={published.map((term) => ({ value: term.id, label: term.name }))}
            style={{ width: phone ? 180 : 240 }}
          />
        ) : (
          published[0]?.name
        )
      }
      extra={
        <Space>
          <Button
            icon={<PrinterOutlined />}
            disabled={!notice.data}
            onClick={() => navigate(`/print/notice/${termId}`)}
          >
            {phone ? null : t('common.print')}
          </Button>
        </Space>
      }
    >
      {notice.error && <Alert type="error" title={errorMessage(notice.error)} />}
      {notice.isLoading && <Spin />}
      {notice.data && (
        <NoticeView content={notice.data.content} publishedAt={notice.data.publishedAt} compact={phone} />
      )}
    </Card>
  );
}
