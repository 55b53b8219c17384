// The side menu, built from the selected school's permissions.
import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  FileTextOutlined,
  FormOutlined,
  IdcardOutlined,
  KeyOutlined,
  SmileOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';

type Item = Required<MenuProps>['items'][number];

export function menuItems(
  can: (p: string) => boolean,
  hasChildren: boolean,
  parentOnly: boolean,
  t: TFunction,
): Item[] {
  const items: (Item | false)[] = [
    hasChildren && { key: '/children', icon: <SmileOutlined />, label: t('menu.myChildren') },
    can('student.read') &&
      !parentOnly && { key: '/students', icon: <UserOutlined />, label: t('menu.students') },
    can('programme.write') && {
      key: '/programme',
      icon: <CalendarOutlined />,
      label: t('programme.menu.terms'),
    },
    can('programme.read') && {
      key: '/notice',
      icon: <FileTextOutlined />,
      label: t('programme.menu.notice'),
    },
    can('demand.read') && { key: '/demand', icon: <FormOutlined />, label: t('programme.menu.demand') },
    can('district.read') && {
      key: '/district',
      icon: <BarChartOutlined />,
      label: t('programme.menu.district'),
    },
    can('roster.import') && { key: '/import', icon: <UploadOutlined />, label: t('menu.import') },
    can('staff.read') && { key: '/staff', icon: <TeamOutlined />, label: t('menu.staff') },
    can('setupCode.issue') && { key: '/setup-codes', icon: <IdcardOutlined />, label: t('menu.setupCodes') },
    can('audit.read') && { key: '/audit', icon: <AuditOutlined />, label: t('menu.audit') },
    { key: '/password', icon: <KeyOutlined />, label: t('menu.changePassword') },
  ];
  return items.filter((i): i is Item => i !== false);
}
