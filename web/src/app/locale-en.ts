// English UI strings; the same keys as locale-zh.ts.

// incidents and notify channels (DAY-6)
// term bills and payments (FEE-4, FEE-6)
import { billsEn } from '../features/billing/locale-en';
import { incidentEn } from '../features/daily/incident-locale-en';

// daily attendance (DAY-1…3, DAY-6…8, SAFE-3)
import { dailyEn } from '../features/daily/locale-en';

// pickup and gate (DAY-4, DAY-5, DAY-9, DAY-10)
import { pickupEn } from '../features/daily/pickup-locale-en';
// district dashboard (DIST-1, DIST-3)
import { dashboardEn } from '../features/district/dashboard-locale-en';
import { enrolEn } from '../features/enrolment/locale-en';
// fee caps, fee standards and meals (FEE-3, FEE-7, DIST-3)
import { feesEn } from '../features/fees/locale-en';
import { fundEn } from '../features/funds/locale-en';
import { groupsEn } from '../features/groups/locale-en';
// duty roster and outside staff (STAFF-4, STAFF-5, STAFF-6, DIST-2)
import { rosterEn } from '../features/groups/roster-locale-en';
// outside institutions (DIST-2)
import { institutionsEn } from '../features/institutions/locale-en';
import { channelEn } from '../features/notify/channel-locale';
// teacher pay (PAY-1…8)
import { payEn } from '../features/pay/locale-en';
import { programmeEn } from '../features/programme/locale';
// monthly settlement, refunds and the term end (FEE-4, FEE-5)
import { settleEn } from '../features/settlement/locale-en';
// parent surveys (SURV-1, SURV-2)
import { surveyEn } from '../features/surveys/locale-en';
import type { zh } from './locale-zh';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const en: Shape<typeof zh> = {
  app: { name: 'Kehou', tagline: 'After-school service' },
  common: {
    save: 'Save',
    cancel: 'Cancel',
    add: 'Add',
    remove: 'Remove',
    confirm: 'OK',
    search: 'Search',
    print: 'Print',
    back: 'Back',
    loading: 'Loading…',
    none: 'None',
    yes: 'Yes',
    no: 'No',
    total: '{{count}} in all',
    loadMore: 'Load more',
    actions: 'Actions',
    all: 'All',
    saved: 'Saved',
  },
  menu: {
    sections: {
      family: 'My children',
      today: 'The school day',
      staffing: 'Classes and duties',
      programme: 'Programme and enrolment',
      money: 'Fees and funds',
      pay: 'Pay and surveys',
      district: 'District oversight',
      people: 'Students and staff',
      system: 'Messages and system',
      more: 'More',
    },
    enrolment: 'Enrolment',
    enrolmentReview: 'Applications',
    enrolmentPreReview: 'Class review',
    enrolmentDraw: 'Draw',
    enrolmentWithdrawals: 'Withdrawals',
    enrolmentList: 'Published list',
    inbox: 'Messages',
    myChildren: 'My children',
    students: 'Students',
    import: 'Import roster',
    staff: 'Staff',
    setupCodes: 'Parent sign-in codes',
    audit: 'Audit log',
    changePassword: 'Change password',
    logout: 'Sign out',
    school: 'School',
    language: '中文',
  },
  login: {
    title: 'Sign in',
    account: 'Account',
    accountHint: 'Phone or username',
    password: 'Password',
    submit: 'Sign in',
    firstTab: 'First sign-in',
    phone: 'Phone',
    code: 'One-time code',
    phoneOrUsername: 'Parents: your phone number. Staff without a phone: your username',
    newPassword: 'New password',
    passwordRule: 'At least 8 characters with letters and digits',
    firstSubmit: 'Set password and sign in',
    required: 'Required',
  },
  password: {
    title: 'Change password',
    current: 'Current password',
    new: 'New password',
    repeat: 'Repeat new password',
    mismatch: 'The passwords do not match',
    done: 'Password changed',
  },
  student: {
    listTitle: 'Students',
    no: 'Student no.',
    name: 'Name',
    gender: 'Gender',
    class: 'Class',
    grade: 'Grade',
    categories: 'Categories',
    searchHint: 'Name or student no.',
    allGrades: 'All grades',
    allClasses: 'All classes',
    export: 'Export Excel',
    printRoster: 'Print roster',
    detail: 'Student',
    M: 'Male',
    F: 'Female',
    guardians: 'Guardians',
    guardianName: 'Guardian',
    relation: 'Relation',
    phone: 'Phone',
    primary: 'Primary contact',
    hasAccount: 'Has account',
    addGuardian: 'Add guardian',
    unlink: 'Unlink',
    unlinkConfirm: 'Unlink this guardian from the student?',
    adults: 'Authorised pickup adults',
    addAdult: 'Add adult',
    revoke: 'Revoke',
    revokeConfirm: 'Revoke this adult’s authorisation?',
    revoked: 'Revoked',
    authorisedAt: 'Authorised',
    saveCategories: 'Save categories',
    noAdults: 'No authorised adults yet',
  },
  category: {
    migrant_worker_child: 'Migrant worker’s child',
    single_parent: 'Single-parent family',
    disabled: 'Disability',
    left_behind: 'Left-behind child',
    economic_difficulty: 'Economic difficulty',
    registered_poor: 'Registered poor family',
    subsistence_allowance: 'Subsistence allowance',
    orphan: 'Orphan',
  },
  children: {
    title: 'My children',
    empty: 'No children found; contact the school',
    open: 'Guardians and pickup adults',
  },
  import: {
    title: 'Import roster',
    stepFile: 'Choose file',
    stepCheck: 'Check',
    stepDone: 'Done',
    choose: 'Choose an Excel file (.xlsx)',
    hint: 'Columns: grade, class, name, gender, student no., guardian, relation, phone. Checking writes nothing.',
    template: 'Download template (current roster)',
    check: 'Check file',
    problemsTitle: 'These rows need fixing',
    row: 'Row',
    column: 'Column',
    value: 'Value',
    problem: 'Problem',
    pickCorrected: 'Choose the corrected file',
    summary: 'The file is fine; importing will make these changes',
    rows: 'Rows',
    studentsCreated: 'Students added',
    studentsUpdated: 'Students updated',
    studentsUnchanged: 'Unchanged',
    guardiansCreated: 'Guardians added',
    accountsCreated: 'Parent accounts created',
    classesCreated: 'Classes created',
    confirm: 'Import',
    success: 'Roster imported',
    again: 'Import another file',
    toStudents: 'View students',
  },
  roster: {
    title: '{{cls}} roster',
    seq: 'No.',
    signature: 'Class teacher’s signature:',
    date: 'Date:',
    printedAt: 'Printed {{time}}',
    empty: 'No students',
  },
  setup: {
    title: 'Parent sign-in codes',
    chooseClass: 'Choose a class',
    issue: 'Issue codes',
    warning:
      'Codes are shown only this once; issuing new codes voids the old ones. Print and hand them out now.',
    slipTitle: 'After-school service: your parent account',
    family: 'Parent',
    children: 'Children',
    code: 'Code',
    expires: 'Valid until',
    steps:
      'How to: ① open {{url}} on your phone ② tap “First sign-in” ③ enter your phone number and the code ④ set your password (8+ characters, letters and digits)',
    none: 'No parents in this class need an account',
    issued: 'Codes issued for {{count}} parents',
  },
  staff: {
    title: 'Staff',
    name: 'Name',
    username: 'Username',
    phone: 'Phone',
    roles: 'Roles',
    add: 'Add staff',
    role: 'Role',
    class: 'Class',
    addRole: 'Add role',
    removeRole: 'Remove this role?',
    issueCode: 'Issue code',
    codeTitle: 'One-time code',
    codeHint: 'Tell the person this code; it is shown only once. Valid until {{time}}.',
    disabled: 'Disabled',
    needPhoneOrUsername: 'Give a phone number or a username',
    edit: 'Edit',
    editTitle: 'Edit staff member',
    active: 'Account enabled',
    disableHint: 'Disabling signs the account out everywhere at once',
    search: 'Name, username or phone',
    allRoles: 'All roles',
  },
  role: {
    district_officer: 'District officer',
    school_admin: 'School admin',
    class_teacher: 'Class teacher',
    care_teacher: 'Care teacher',
    finance: 'Finance',
    guard: 'Guard',
    parent: 'Parent',
    outside_staff: 'Outside staff',
  },
  audit: {
    title: 'Audit log',
    time: 'Time',
    actor: 'By',
    action: 'Action',
    entity: 'Record',
    before: 'Before',
    after: 'After',
    system: 'System',
  },
  programme: programmeEn,
  error: { generic: 'Failed', notFound: 'Page not found', forbidden: 'You may not see this page' },
  ...enrolEn,
  // incidents and notify channels (DAY-6)
  ...incidentEn,
  ...channelEn,
  // daily attendance (DAY-1…3, DAY-6…8, SAFE-3)
  ...dailyEn,
  // pickup and gate (DAY-4, DAY-5, DAY-9, DAY-10)
  ...pickupEn,
  // duty roster and outside staff (STAFF-4, STAFF-5, STAFF-6, DIST-2)
  duty: rosterEn,
  // temporary classes (STAFF-1, STAFF-2, STAFF-3)
  ...groupsEn,
  // fee caps, fee standards and meals (FEE-3, FEE-7, DIST-3)
  ...feesEn,
  // service fund: subsidy, expenses, fund statement (FEE-2, FEE-8, FEE-9)
  ...fundEn,
  // term bills and payments (FEE-4, FEE-6)
  ...billsEn,
  ...settleEn,
  // outside institutions (DIST-2)
  ...institutionsEn,
  // district dashboard (DIST-1, DIST-3)
  ...dashboardEn,
  // parent surveys (SURV-1, SURV-2)
  ...surveyEn,
  // teacher pay (PAY-1…8)
  ...payEn,
};
