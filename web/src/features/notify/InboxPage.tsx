// The inbox: newest first, unread in bold; opening a message marks it read and follows its link.
import { Button, Card, Empty, List, Segmented, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import { useIsPhone } from '../../app/ui';
import { type Notification, useMarkRead, useNotifications } from './queries';

export function InboxPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const { school, selectSchool } = useSession();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(unreadOnly);
  const mark = useMarkRead();
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;

  const open = (n: Notification) => {
    if (!n.readAt) mark.mutate(n.id);
    if (n.schoolId && n.schoolId !== school?.id) selectSchool(n.schoolId);
    if (n.link) navigate(n.link);
  };

  return (
    <Card
      title={t('inbox.title')}
      size={phone ? 'small' : undefined}
      extra={
        <Button
          size="small"
          disabled={unread === 0}
          loading={mark.isPending}
          onClick={() => mark.mutate('all')}
        >
          {t('inbox.readAll')}
        </Button>
      }
    >
      <Segmented
        style={{ marginBottom: 12 }}
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(v) => setUnreadOnly(v === 'unread')}
        options={[
          { value: 'all', label: t('inbox.all') },
          { value: 'unread', label: t('inbox.unread', { count: unread }) },
        ]}
      />
      <List<Notification>
        loading={list.isLoading}
        dataSource={rows}
        rowKey="id"
        locale={{ emptyText: <Empty description={t('inbox.empty')} /> }}
        renderItem={(n) => (
          <List.Item
            data-testid="inbox-item"
            onClick={() => open(n)}
            style={{ cursor: n.link || !n.readAt ? 'pointer' : undefined }}
            actions={
              n.readAt
                ? []
                : [
                    <Button
                      key="read"
                      type="link"
                      size="small"
                      onClick={(e) => {
                        e.stopPropagation();
                        mark.mutate(n.id);
                      }}
                    >
                      {t('inbox.markRead')}
                    </Button>,
                  ]
            }
          >
            <Space orientation="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
              <Space size={6} wrap>
                {!n.readAt && <span className="kh-dot" role="img" aria-label={t('inbox.new')} />}
                <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}
                </Typography.Text>
              </Space>
              <Typography.Text type={n.readAt ? 'secondary' : undefined}>{n.body}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {list.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </Card>
  );
}
