// The frame around every signed-in page: header (school, language, user), menu, content.
import { DownOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Layout, Menu, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { InboxBell } from '../features/notify/InboxBell';
import { menuItems, menuLeaves } from './menu';
import { useSession } from './session';
import { useIsPhone } from './ui';

export function Shell() {
  const { t } = useTranslation();
  const { me, school, can, isParentOnly, selectSchool, logout, lang, setLang } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const phone = useIsPhone();
  const [drawer, setDrawer] = useState(false);
  const hasChildren = !!school?.roles.includes('parent');
  const items = menuItems(can, hasChildren, isParentOnly, t);
  // The deepest menu entry the path lies under (several entries share `/enrolment`).
  const selected =
    menuLeaves(items)
      .map((i) => String(i.key))
      .filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`))
      .sort((a, b) => b.length - a.length)[0] ?? '';
  const go = (key: string) => {
    setDrawer(false);
    navigate(key);
  };
  const menu = <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={({ key }) => go(key)} />;
  const schools = me?.schools ?? [];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="kh-header no-print">
        <Space size={8} style={{ minWidth: 0 }}>
          {phone && (
            <Button type="text" aria-label="menu" icon={<MenuOutlined />} onClick={() => setDrawer(true)} />
          )}
          <span className="kh-logo">{t('app.name')}</span>
          {schools.length > 1 ? (
            <Select
              size="small"
              value={school?.id}
              onChange={selectSchool}
              options={schools.map((s) => ({ value: s.id, label: s.name }))}
              style={{ width: phone ? 130 : 200 }}
              aria-label={t('menu.school')}
            />
          ) : (
            !phone && <Typography.Text className="kh-school">{school?.name}</Typography.Text>
          )}
        </Space>
        <Space size={4}>
          <InboxBell />
          <Button type="text" size="small" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
            {t('menu.language')}
          </Button>
          <Dropdown
            menu={{
              items: [
                { key: 'password', label: t('menu.changePassword') },
                { key: 'logout', icon: <LogoutOutlined />, label: t('menu.logout') },
              ],
              onClick: ({ key }) => {
                if (key === 'password') navigate('/password');
                else void logout().then(() => navigate('/login'));
              },
            }}
          >
            <Button type="text" size="small" icon={<UserOutlined />}>
              {!phone && me?.user.displayName} <DownOutlined />
            </Button>
          </Dropdown>
        </Space>
      </Layout.Header>
      <Layout>
        {!phone && (
          <Layout.Sider width={200} theme="light" className="no-print">
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content className="kh-content">
          {phone && schools.length === 1 && <div className="kh-school-phone no-print">{school?.name}</div>}
          <Outlet />
        </Layout.Content>
      </Layout>
      {/* After picking a page the user works in that page: focus must not jump back to the menu button. */}
      <Drawer
        placement="left"
        open={drawer}
        onClose={() => setDrawer(false)}
        title={school?.name}
        size={260}
        focusable={{ focusTriggerAfterClose: false }}
      >
        {menu}
      </Drawer>
    </Layout>
  );
}
