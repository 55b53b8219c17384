// The side menu, built from the selected school's permissions.
import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  ClockCircleOutlined,
  FileTextOutlined,
  FormOutlined,
  IdcardOutlined,
  KeyOutlined,
  NotificationOutlined,
  RollbackOutlined,
  ScheduleOutlined,
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
    // daily attendance (DAY-1…3, DAY-6…8, SAFE-3)
    can('daily.act') && { key: '/daily', icon: <ScheduleOutlined />, label: t('daily.menu.today') },
    can('leave.report') && { key: '/daily/leave', icon: <CarryOutOutlined />, label: t('daily.menu.leave') },
    can('staffAttendance.read') && {
      key: '/daily/staff-attendance',
      icon: <ClockCircleOutlined />,
      label: t('daily.menu.staffAttendance'),
    },
    can('emergency.write') && {
      key: '/daily/emergency',
      icon: <AlertOutlined />,
      label: t('daily.menu.emergency'),
    },
  ];
  return items.filter((i): i is Item => i !== false);
}
