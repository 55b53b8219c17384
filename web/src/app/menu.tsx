// The side menu, built from the selected school's permissions.
import {
  AccountBookOutlined,
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  ClockCircleOutlined,
  CoffeeOutlined,
  DashboardOutlined,
  ExportOutlined,
  FileTextOutlined,
  FormOutlined,
  FundOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  MoneyCollectOutlined,
  NotificationOutlined,
  RollbackOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SmileOutlined,
  SolutionOutlined,
  SwapOutlined,
  TableOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  UploadOutlined,
  UserOutlined,
  WalletOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';

type Item = Required<MenuProps>['items'][number];
/** A menu entry that opens a page. */
type LeafItem = { key: string; icon: ReactNode; label: string };

/** The menu's sections, in the order a school's day needs them; empty sections disappear. */
const sections: [string, string[]][] = [
  [
    'family',
    [
      '/children',
      '/children/temp-classes',
      '/enrolment',
      '/pickup/family',
      '/billing/family',
      '/fees/family-meals',
    ],
  ],
  [
    'today',
    [
      '/daily',
      '/pickup/release',
      '/pickup/board',
      '/gate',
      '/daily/incidents',
      '/daily/leave',
      '/pickup/permits',
      '/daily/staff-attendance',
      '/daily/emergency',
    ],
  ],
  [
    'staffing',
    [
      '/temp-classes',
      '/duty/mine',
      '/duty/availability',
      '/duty/swaps',
      '/duty/roster',
      '/duty/outside',
      '/duty/institutions',
    ],
  ],
  [
    'programme',
    [
      '/programme',
      '/notice',
      '/demand',
      '/district',
      '/enrolment/applications',
      '/enrolment/draw',
      '/enrolment/withdrawals',
      '/enrolment/list',
    ],
  ],
  // fees and funds (FEE-1…11), in the order finance works through a term
  [
    'money',
    [
      '/fees/standards',
      '/billing/bills',
      '/billing/payments',
      '/billing/arrears',
      '/fees/meals',
      '/finance/settlements',
      '/finance/refunds',
      '/finance/term-end',
      '/funds',
      '/funds/published',
      '/funds/district',
      '/fees/caps',
    ],
  ],
  // teacher pay (PAY) and parent surveys (SURV)
  ['pay', ['/surveys', '/surveys/answer', '/surveys/my-scores', '/pay', '/pay/events', '/pay/mine']],
  // the district's oversight (DIST-1…3)
  ['district', ['/district/dashboard', '/district/institutions']],
  ['people', ['/students', '/import', '/staff', '/setup-codes']],
  ['system', ['/inbox', '/audit', '/notify/channels', '/password']],
];

/** A short menu stays flat (a parent's phone); a staff member's long one is grouped under headings. */
const flatUpTo = 10;

export function menuItems(
  can: (p: string) => boolean,
  hasChildren: boolean,
  parentOnly: boolean,
  t: TFunction,
): Item[] {
  const items: (LeafItem | false)[] = [
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
    // pickup and gate (DAY-4, DAY-5, DAY-9, DAY-10)
    can('pickup.code') && { key: '/pickup/family', icon: <SafetyOutlined />, label: t('pickup.menu.family') },
    can('pickup.release') && {
      key: '/pickup/release',
      icon: <ExportOutlined />,
      label: t('pickup.menu.release'),
    },
    can('board.read') && { key: '/pickup/board', icon: <DashboardOutlined />, label: t('pickup.menu.board') },
    can('gate.read') && { key: '/gate', icon: <HomeOutlined />, label: t('pickup.menu.gate') },
    can('permit.read') &&
      !parentOnly && { key: '/pickup/permits', icon: <IdcardOutlined />, label: t('pickup.menu.permits') },
    // duty roster and outside staff (STAFF-4, STAFF-5, STAFF-6, DIST-2)
    can('availability.write') && {
      key: '/duty/availability',
      icon: <ScheduleOutlined />,
      label: t('duty.menu.availability'),
    },
    can('duty.swap') && { key: '/duty/mine', icon: <ScheduleOutlined />, label: t('duty.menu.myDuties') },
    can('duty.read') && { key: '/duty/roster', icon: <TableOutlined />, label: t('duty.menu.roster') },
    can('duty.swap') && { key: '/duty/swaps', icon: <SwapOutlined />, label: t('duty.menu.swaps') },
    can('outsideStaff.read') && {
      key: '/duty/outside',
      icon: <SafetyOutlined />,
      label: t('duty.menu.outside'),
    },
    can('institution.read') &&
      !can('institution.write') && {
        key: '/duty/institutions',
        icon: <BankOutlined />,
        label: t('duty.menu.institutions'),
      },
    // temporary classes (STAFF-1, STAFF-2, STAFF-3)
    can('tempClass.read') && { key: '/temp-classes', icon: <ApartmentOutlined />, label: t('groups.menu') },
    hasChildren && {
      key: '/children/temp-classes',
      icon: <ApartmentOutlined />,
      label: t('groups.menuChild'),
    },
    // fee caps, fee standards and meals (FEE-3, FEE-7, DIST-3)
    can('feeCap.read') && { key: '/fees/caps', icon: <FundOutlined />, label: t('fees.menu.caps') },
    can('fee.write') && {
      key: '/fees/standards',
      icon: <AccountBookOutlined />,
      label: t('fees.menu.standards'),
    },
    can('billing.read') &&
      !parentOnly && { key: '/fees/meals', icon: <CoffeeOutlined />, label: t('fees.menu.meals') },
    hasChildren &&
      can('billing.read') && {
        key: '/fees/family-meals',
        icon: <CoffeeOutlined />,
        label: t('fees.menu.familyMeals'),
      },
    // service fund: subsidy, expenses, fund statement (FEE-2, FEE-8, FEE-9)
    can('fund.district') && { key: '/funds', icon: <BankOutlined />, label: t('fund.menu') },
    can('fund.read') && {
      key: '/funds/published',
      icon: <BarChartOutlined />,
      label: t('fund.menuPublished'),
    },
    can('district.read') &&
      can('fund.district') && {
        key: '/funds/district',
        icon: <TableOutlined />,
        label: t('fund.menuDistrict'),
      },
    // term bills and payments (FEE-4, FEE-6): finance and the school admin; a family its own bills
    (can('payment.record') || can('refund.approve')) &&
      can('billing.read') && {
        key: '/billing/bills',
        icon: <FileTextOutlined />,
        label: t('bills.menu.bills'),
      },
    (can('payment.record') || can('refund.approve')) &&
      can('billing.read') && {
        key: '/billing/arrears',
        icon: <AlertOutlined />,
        label: t('bills.menu.arrears'),
      },
    (can('payment.record') || can('refund.approve')) &&
      can('billing.read') && {
        key: '/billing/payments',
        icon: <BankOutlined />,
        label: t('bills.menu.payments'),
      },
    hasChildren &&
      can('billing.read') && {
        key: '/billing/family',
        icon: <FileTextOutlined />,
        label: t('bills.menu.family'),
      },
    // monthly settlement, refunds and the term end (FEE-4, FEE-5, 多还少补)
    can('settlement.run') && {
      key: '/finance/settlements',
      icon: <CalendarOutlined />,
      label: t('settle.menu.settlements'),
    },
    (can('refund.propose') || can('refund.approve')) && {
      key: '/finance/refunds',
      icon: <RollbackOutlined />,
      label: t('settle.menu.refunds'),
    },
    can('settlement.run') && {
      key: '/finance/term-end',
      icon: <AuditOutlined />,
      label: t('settle.menu.termEnd'),
    },
    // outside institutions (DIST-2)
    can('institution.write') && {
      key: '/district/institutions',
      icon: <BankOutlined />,
      label: t('inst.menu'),
    },
    // district dashboard (DIST-1, DIST-3)
    can('district.dashboard') && {
      key: '/district/dashboard',
      icon: <DashboardOutlined />,
      label: t('dashboard.menu'),
    },
    // parent surveys (SURV-1, SURV-2): the school builds; families answer; a teacher reads their own
    // ratings (not the school's leaders, who read every teacher's in the results).
    can('survey.write') && { key: '/surveys', icon: <FormOutlined />, label: t('survey.menu') },
    can('survey.answer') && { key: '/surveys/answer', icon: <FormOutlined />, label: t('survey.menuAnswer') },
    can('survey.ownScores') &&
      !can('survey.results') && {
        key: '/surveys/my-scores',
        icon: <BarChartOutlined />,
        label: t('survey.menuScores'),
      },
    // teacher pay (PAY-1…8). 我的酬劳 is for people who serve sessions: not for finance alone
    // (finance reads the sheet but holds pay.read without pay.approve).
    can('pay.read') && { key: '/pay', icon: <WalletOutlined />, label: t('pay.menu') },
    can('pay.event.write') && { key: '/pay/events', icon: <WarningOutlined />, label: t('pay.menuEvents') },
    can('pay.own') &&
      (!can('pay.read') || can('pay.approve')) && {
        key: '/pay/mine',
        icon: <MoneyCollectOutlined />,
        label: t('pay.menuMine'),
      },
  ];
  const shown = items.filter((i): i is LeafItem => i !== false);
  if (shown.length <= flatUpTo) return shown;
  const byKey = new Map(shown.map((i) => [i.key, i]));
  const grouped: Item[] = sections.flatMap(([name, keys]) => {
    const children = keys.flatMap((k) => (byKey.has(k) ? [byKey.get(k)!] : []));
    for (const k of keys) byKey.delete(k);
    return children.length
      ? [{ type: 'group' as const, key: `group-${name}`, label: t(`menu.sections.${name}`), children }]
      : [];
  });
  // Anything a later feature adds without a section still shows, last.
  const rest = [...byKey.values()];
  return rest.length
    ? [
        ...grouped,
        { type: 'group' as const, key: 'group-more', label: t('menu.sections.more'), children: rest },
      ]
    : grouped;
}

/** The leaf entries of a menu, grouped or flat (for finding the selected one). */
export function menuLeaves(items: Item[]): LeafItem[] {
  return items.flatMap((i) =>
    i && 'type' in i && i.type === 'group' ? ((i.children ?? []) as LeafItem[]) : [i as LeafItem],
  );
}
