// The side menu, built from the selected school's permissions.
import {
  // incidents and notify channels (DAY-6)
  AlertOutlined,
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  FileTextOutlined,
  FormOutlined,
  IdcardOutlined,
  KeyOutlined,
  NotificationOutlined,
  RollbackOutlined,
  SmileOutlined,
  SolutionOutlined,
  TeamOutlined,
  ThunderboltOutlined,
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
    can('application.apply') && { key: '/enrolment', icon: <FormOutlined />, label: t('menu.enrolment') },
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
    can('demand.summary') && { key: '/demand', icon: <FormOutlined />, label: t('programme.menu.demand') },
    can('district.read') && {
      key: '/district',
      icon: <BarChartOutlined />,
      label: t('programme.menu.district'),
    },
    can('roster.import') && { key: '/import', icon: <UploadOutlined />, label: t('menu.import') },
    can('staff.read') && { key: '/staff', icon: <TeamOutlined />, label: t('menu.staff') },
    can('setupCode.issue') && { key: '/setup-codes', icon: <IdcardOutlined />, label: t('menu.setupCodes') },
    can('application.preReview') && {
      key: '/enrolment/applications',
      icon: <SolutionOutlined />,
      label: can('application.decide') ? t('menu.enrolmentReview') : t('menu.enrolmentPreReview'),
    },
    can('draw.run') && {
      key: '/enrolment/draw',
      icon: <ThunderboltOutlined />,
      label: t('menu.enrolmentDraw'),
    },
    can('withdrawal.decide') && {
      key: '/enrolment/withdrawals',
      icon: <RollbackOutlined />,
      label: t('menu.enrolmentWithdrawals'),
    },
    can('list.read') && {
      key: '/enrolment/list',
      icon: <NotificationOutlined />,
      label: t('menu.enrolmentList'),
    },
    { key: '/inbox', icon: <BellOutlined />, label: t('menu.inbox') },
    can('audit.read') && { key: '/audit', icon: <AuditOutlined />, label: t('menu.audit') },
    { key: '/password', icon: <KeyOutlined />, label: t('menu.changePassword') },
    // incidents and notify channels (DAY-6)
    can('incident.read') && { key: '/daily/incidents', icon: <AlertOutlined />, label: t('incident.menu') },
    can('notifyChannel.write') && {
      key: '/notify/channels',
      icon: <ApiOutlined />,
      label: t('channel.menu'),
    },
  ];
  return items.filter((i): i is Item => i !== false);
}
