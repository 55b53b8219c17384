// The bell in the header: unread messages at a glance, a tap opens the inbox.
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useUnreadCount } from './queries';

export function InboxBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useUnreadCount().data ?? 0;
  return (
    <Button
      type="text"
      size="small"
      aria-label={t('inbox.bell', { count: unread })}
      data-testid="inbox-bell"
      onClick={() => navigate('/inbox')}
      icon={
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      }
    />
  );
}
