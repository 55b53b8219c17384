// Chinese UI strings (the default language).

// incidents and notify channels (DAY-6)
// term bills and payments (FEE-4, FEE-6)
import { billsZh } from '../features/billing/locale-zh';
import { incidentZh } from '../features/daily/incident-locale-zh';

// daily attendance (DAY-1…3, DAY-6…8, SAFE-3)
import { dailyZh } from '../features/daily/locale-zh';

// pickup and gate (DAY-4, DAY-5, DAY-9, DAY-10)
import { pickupZh } from '../features/daily/pickup-locale-zh';
// district dashboard (DIST-1, DIST-3)
import { dashboardZh } from '../features/district/dashboard-locale-zh';
import { enrolZh } from '../features/enrolment/locale-zh';
// fee caps, fee standards and meals (FEE-3, FEE-7, DIST-3)
import { feesZh } from '../features/fees/locale-zh';
import { fundZh } from '../features/funds/locale-zh';
import { groupsZh } from '../features/groups/locale-zh';
// duty roster and outside staff (STAFF-4, STAFF-5, STAFF-6, DIST-2)
import { rosterZh } from '../features/groups/roster-locale-zh';
// outside institutions (DIST-2)
import { institutionsZh } from '../features/institutions/locale-zh';
import { channelZh } from '../features/notify/channel-locale';
// teacher pay (PAY-1…8)
import { payZh } from '../features/pay/locale-zh';
import { programmeZh } from '../features/programme/locale';
// monthly settlement, refunds and the term end (FEE-4, FEE-5)
import { settleZh } from '../features/settlement/locale-zh';
// parent surveys (SURV-1, SURV-2)
import { surveyZh } from '../features/surveys/locale-zh';
export const zh = {
  app: { name: '课后', tagline: '课后服务管理平台' },
  common: {
    save: '保存',
    cancel: '取消',
    add: '添加',
    remove: '移除',
    confirm: '确定',
    search: '搜索',
    print: '打印',
    back: '返回',
    loading: '加载中…',
    none: '无',
    yes: '是',
    no: '否',
    total: '共 {{count}} 条',
    loadMore: '加载更多',
    actions: '操作',
    all: '全部',
    saved: '已保存',
  },
  menu: {
    sections: {
      family: '我的孩子',
      today: '每日看护',
      staffing: '临时班与值班',
      programme: '课后服务与报名',
      money: '收费与经费',
      pay: '酬劳与问卷',
      district: '区级监管',
      people: '学生与人员',
      system: '消息与系统',
      more: '更多',
    },
    enrolment: '课后报名',
    enrolmentReview: '报名审核',
    enrolmentPreReview: '报名初审',
    enrolmentDraw: '抽签分配',
    enrolmentWithdrawals: '退出申请',
    enrolmentList: '录取公示',
    inbox: '消息',
    myChildren: '我的孩子',
    students: '学生',
    import: '导入花名册',
    staff: '教职工',
    setupCodes: '家长账号验证码',
    audit: '审计日志',
    changePassword: '修改密码',
    logout: '退出登录',
    school: '学校',
    language: 'English',
  },
  login: {
    title: '登录',
    account: '账号',
    accountHint: '手机号或用户名',
    password: '密码',
    submit: '登录',
    firstTab: '首次登录',
    phone: '手机号',
    code: '一次性验证码',
    phoneOrUsername: '家长填手机号；没有手机号的教职工填用户名',

    newPassword: '新密码',
    passwordRule: '至少 8 位，包含字母和数字',
    firstSubmit: '设置密码并登录',
    required: '请填写此项',
  },
  password: {
    title: '修改密码',
    current: '当前密码',
    new: '新密码',
    repeat: '再次输入新密码',
    mismatch: '两次输入的密码不一致',
    done: '密码已修改',
  },
  student: {
    listTitle: '学生',
    no: '学号',
    name: '姓名',
    gender: '性别',
    class: '班级',
    grade: '年级',
    categories: '特殊类别',
    searchHint: '姓名或学号',
    allGrades: '全部年级',
    allClasses: '全部班级',
    export: '导出 Excel',
    printRoster: '打印花名册',
    detail: '学生信息',
    M: '男',
    F: '女',
    guardians: '家长',
    guardianName: '家长姓名',
    relation: '关系',
    phone: '联系电话',
    primary: '主要联系人',
    hasAccount: '已开通账号',
    addGuardian: '添加家长',
    unlink: '解除关联',
    unlinkConfirm: '确定解除该家长与学生的关联？',
    adults: '授权接送人',
    addAdult: '添加接送人',
    revoke: '撤销',
    revokeConfirm: '确定撤销该接送人的授权？',
    revoked: '已撤销',
    authorisedAt: '授权时间',
    saveCategories: '保存类别',
    noAdults: '暂无授权接送人',
  },
  category: {
    migrant_worker_child: '随迁子女',
    single_parent: '单亲家庭',
    disabled: '残疾儿童',
    left_behind: '留守儿童',
    economic_difficulty: '家庭经济困难',
    registered_poor: '建档立卡',
    subsistence_allowance: '低保',
    orphan: '孤儿',
  },
  children: { title: '我的孩子', empty: '没有找到您的孩子，请联系学校', open: '查看家长和接送人' },
  import: {
    title: '导入花名册',
    stepFile: '选择文件',
    stepCheck: '检查',
    stepDone: '完成',
    choose: '选择 Excel 文件（.xlsx）',
    hint: '表头：年级 班级 姓名 性别 学号 家长姓名 关系 手机号。先检查，不会写入任何数据。',
    template: '下载模板（当前花名册）',
    check: '检查文件',
    problemsTitle: '以下行需要修改',
    row: '行号',
    column: '列',
    value: '值',
    problem: '问题',
    pickCorrected: '选择修改后的文件',
    summary: '检查通过，将执行以下变更',
    rows: '数据行',
    studentsCreated: '新增学生',
    studentsUpdated: '更新学生',
    studentsUnchanged: '无变化',
    guardiansCreated: '新增家长',
    accountsCreated: '新建家长账号',
    classesCreated: '新建班级',
    confirm: '确认导入',
    success: '导入成功',
    again: '再导入一个文件',
    toStudents: '查看学生',
  },
  roster: {
    title: '{{cls}} 花名册',
    seq: '序号',
    signature: '班主任签字：',
    date: '日期：',
    printedAt: '打印时间：{{time}}',
    empty: '没有学生',
  },
  setup: {
    title: '家长首次登录验证码',
    chooseClass: '选择班级',
    issue: '生成验证码',
    warning: '验证码只显示这一次，生成新验证码会使旧验证码失效。请立即打印并分发。',
    slipTitle: '课后服务 家长账号开通通知',
    family: '家长',
    children: '孩子',
    code: '验证码',
    expires: '有效期至',
    steps:
      '使用方法：① 用手机浏览器打开 {{url}} ② 点击“首次登录” ③ 输入手机号和验证码 ④ 设置您的密码（至少 8 位，含字母和数字）',
    none: '该班没有需要开通账号的家长',
    issued: '已为 {{count}} 位家长生成验证码',
  },
  staff: {
    title: '教职工',
    name: '姓名',
    username: '用户名',
    phone: '手机号',
    roles: '角色',
    add: '添加教职工',
    role: '角色',
    class: '班级',
    addRole: '添加角色',
    removeRole: '确定移除该角色？',
    issueCode: '生成验证码',
    codeTitle: '一次性验证码',
    codeHint: '请将验证码告知本人，只显示这一次。有效期至 {{time}}。',
    disabled: '已停用',
    needPhoneOrUsername: '手机号和用户名至少填写一项',
    edit: '编辑',
    editTitle: '编辑教职工',
    active: '账号启用',
    disableHint: '停用后立即退出该账号的所有登录',
    search: '姓名、用户名或手机号',
    allRoles: '全部角色',
  },
  role: {
    district_officer: '区教体局',
    school_admin: '学校管理员',
    class_teacher: '班主任',
    care_teacher: '看护教师',
    finance: '财务',
    guard: '门卫',
    parent: '家长',
    outside_staff: '外聘人员',
  },
  audit: {
    title: '审计日志',
    time: '时间',
    actor: '操作人',
    action: '操作',
    entity: '对象',
    before: '修改前',
    after: '修改后',
    system: '系统',
  },
  programme: programmeZh,
  error: { generic: '操作失败', notFound: '页面不存在', forbidden: '没有权限查看此页面' },
  ...enrolZh,
  // incidents and notify channels (DAY-6)
  ...incidentZh,
  ...channelZh,
  // daily attendance (DAY-1…3, DAY-6…8, SAFE-3)
  ...dailyZh,
  // pickup and gate (DAY-4, DAY-5, DAY-9, DAY-10)
  ...pickupZh,
  // duty roster and outside staff (STAFF-4, STAFF-5, STAFF-6, DIST-2)
  duty: rosterZh,
  // temporary classes (STAFF-1, STAFF-2, STAFF-3)
  ...groupsZh,
  // fee caps, fee standards and meals (FEE-3, FEE-7, DIST-3)
  ...feesZh,
  // service fund: subsidy, expenses, fund statement (FEE-2, FEE-8, FEE-9)
  ...fundZh,
  // term bills and payments (FEE-4, FEE-6)
  ...billsZh,
  ...settleZh,
  // outside institutions (DIST-2)
  ...institutionsZh,
  // district dashboard (DIST-1, DIST-3)
  ...dashboardZh,
  // parent surveys (SURV-1, SURV-2)
  ...surveyZh,
  // teacher pay (PAY-1…8)
  ...payZh,
};
