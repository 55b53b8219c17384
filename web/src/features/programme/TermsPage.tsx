// The school's terms: when each runs, whether applications are open, whether the notice is out.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TermView } from '../../../../src/features/programme/contract';
import { useSession } from '../../app/session';
import { useIsPhone } from '../../app/ui';
import { useTerms } from './queries';
import { TermForm } from './TermForm';

const stateColor = { before: 'default', open: 'green', closed: 'orange' } as const;

export function WindowTag({ term }: { term: Pick<TermView, 'windowState'> }) {
  const { t } = useTranslation();
  return <Tag color={stateColor[term.windowState]}>{t(`programme.term.state.${term.windowState}`)}</Tag>;
}

export function NoticeTag({ term }: { term: Pick<TermView, 'noticeVersion'> }) {
  const { t } = useTranslation();
  return term.noticeVersion ? (
    <Tag color="blue">{t('programme.term.noticeVersion', { version: term.noticeVersion })}</Tag>
  ) : (
    <Tag>{t('programme.term.noNotice')}</Tag>
  );
}

export const instantText = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

export function TermsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const { can } = useSession();
  const terms = useTerms();
  const [adding, setAdding] = useState(false);
  const rows = terms.data?.items ?? [];
  const open = (term: TermView) => navigate(`/programme/terms/${term.id}`);

  return (
    <Card
      title={t('programme.term.list')}
      size={phone ? 'small' : undefined}
      extra={
        can('programme.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('programme.term.add')}
          </Button>
        )
      }
    >
      {phone ? (
        <List<TermView>
          loading={terms.isLoading}
          dataSource={rows}
          locale={{ emptyText: <Empty description={t('programme.term.empty')} /> }}
          renderItem={(term) => (
            <List.Item onClick={() => open(term)} style={{ cursor: 'pointer' }}>
              <List.Item.Meta
                title={term.name}
                description={
                  <>
                    <div>
                      {term.startsOn} ~ {term.endsOn}
                    </div>
                    <div>
                      {t('programme.term.window')}: {instantText(term.windowOpensAt)} ~{' '}
                      {instantText(term.windowClosesAt)}
                    </div>
                    <div style={{ marginTop: 4 }}>
                      <WindowTag term={term} />
                      <NoticeTag term={term} />
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<TermView>
          rowKey="id"
          loading={terms.isLoading}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: <Empty description={t('programme.term.empty')} /> }}
          onRow={(term) => ({ onClick: () => open(term), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('programme.term.name'), dataIndex: 'name' },
            {
              title: t('programme.term.dates'),
              key: 'dates',
              render: (_, term) => `${term.startsOn} ~ ${term.endsOn}`,
            },
            {
              title: t('programme.term.window'),
              key: 'window',
              render: (_, term) => `${instantText(term.windowOpensAt)} ~ ${instantText(term.windowClosesAt)}`,
            },
            {
              title: '',
              key: 'state',
              render: (_, term) => (
                <>
                  <WindowTag term={term} />
                  <NoticeTag term={term} />
                </>
              ),
            },
          ]}
        />
      )}
      <TermForm open={adding} onClose={() => setAdding(false)} onSaved={open} />
    </Card>
  );
}
