// AppError: a stable code, its parameters, and the HTTP status it maps to. Messages live in
// one catalogue in both languages so the API, the CLI and the web app say the same thing.

export type Locale = 'zh-CN' | 'en';

interface Entry {
  status: number;
  zh: string;
  en: string;
}

const catalogue = {
  NOT_FOUND: { status: 404, zh: '找不到该记录', en: 'Not found' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  CSRF_REJECTED: {
    status: 403,
    zh: '请求来源校验失败，请刷新页面后重试',
    en: 'The request failed its cross-site check; reload the page and try again',
  },
  VALIDATION_FAILED: { status: 400, zh: '输入有误，请检查标出的字段', en: 'Some fields need attention' },
  LOGIN_FAILED: { status: 401, zh: '账号或密码不正确', en: 'Wrong account or password' },
  LOGIN_LOCKED: {
    status: 429,
    zh: '尝试次数过多，请 {minutes} 分钟后再试',
    en: 'Too many attempts; try again in {minutes} minutes',
  },
  PASSWORD_NOT_SET: {
    status: 409,
    zh: '该账号尚未设置密码，请使用学校发放的一次性验证码首次登录',
    en: 'This account has no password yet; use the one-time code from the school to sign in the first time',
  },
  SETUP_CODE_INVALID: {
    status: 401,
    zh: '验证码不正确或已失效，请向学校索取新的验证码',
    en: 'The code is wrong or has expired; ask the school for a new one',
  },
  WRONG_CURRENT_PASSWORD: { status: 422, zh: '当前密码不正确', en: 'The current password is wrong' },
  ACCOUNT_DISABLED: {
    status: 403,
    zh: '账号已停用，请联系学校',
    en: 'This account is disabled; contact the school',
  },
  USERNAME_TAKEN: { status: 409, zh: '用户名“{username}”已被使用', en: 'The username "{username}" is taken' },
  PHONE_TAKEN: {
    status: 409,
    zh: '手机号 {phone} 已被其他账号使用',
    en: 'The phone number {phone} belongs to another account',
  },
  STUDENT_NO_TAKEN: {
    status: 409,
    zh: '学号 {studentNo} 已存在',
    en: 'Student number {studentNo} already exists',
  },
  CLASS_NOT_FOUND: {
    status: 422,
    zh: '没有 {grade} 年级 {classNo} 班',
    en: 'There is no class {grade}-{classNo}',
  },
  ROLE_NEEDS_CLASS: { status: 422, zh: '班主任角色需要指定班级', en: 'A class teacher role needs a class' },
  ROLE_NOT_FOR_SCHOOL: {
    status: 422,
    zh: '区教体局角色只能由区里授予',
    en: 'A district role is granted by the district, not by a school',
  },
  CONFLICT: {
    status: 409,
    zh: '数据刚被他人修改，请刷新后重试',
    en: 'Someone changed this at the same moment; reload and try again',
  },
  GUARDIAN_PHONE_OTHER_NAME: {
    status: 409,
    zh: '手机号 {phone} 已登记为家长“{name}”，请核对',
    en: 'The phone number {phone} is already registered to the guardian "{name}"; please check',
  },
  UNSUPPORTED_REQUEST: { status: 415, zh: '请求格式不受支持', en: 'This kind of request is not supported' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'What was sent is too large' },
  ACCOUNT_SHARED: {
    status: 409,
    zh: '该账号在其他学校或区教体局也有角色，本校只能管理它在本校的角色',
    en: 'This account also holds roles at another school or the district; this school manages only its roles here',
  },
  LAST_ADMIN: {
    status: 409,
    zh: '不能移除学校最后一位管理员',
    en: 'The last administrator of a school cannot be removed',
  },
  ROSTER_NOT_XLSX: {
    status: 422,
    zh: '文件不是 Excel 工作簿（.xlsx），请用 Excel 另存为 .xlsx 后再导入',
    en: 'The file is not an Excel workbook (.xlsx); save it as .xlsx and import again',
  },
  ROSTER_EMPTY: { status: 422, zh: '表格中没有学生数据', en: 'The sheet has no student rows' },
  ROSTER_MISSING_COLUMNS: {
    status: 422,
    zh: '缺少必需的列：{columns}',
    en: 'Required columns are missing: {columns}',
  },
  ROSTER_INVALID: {
    status: 422,
    zh: '有 {count} 行存在问题，未导入任何数据',
    en: '{count} rows have problems; nothing was imported',
  },
  ROSTER_TOO_LARGE: {
    status: 413,
    zh: '文件过大（上限 {limitMb} MB）',
    en: 'The file is too large (limit {limitMb} MB)',
  },
  // ---- programme (PROG): add programme codes in this section ----
  TERM_NAME_TAKEN: { status: 409, zh: '学期“{name}”已存在', en: 'A term named "{name}" already exists' },
  TERM_DATES_INVALID: {
    status: 422,
    zh: '学期结束日期 {endsOn} 早于开始日期 {startsOn}',
    en: 'The term ends on {endsOn}, before it starts on {startsOn}',
  },
  TERM_WINDOW_INVALID: {
    status: 422,
    zh: '报名截止时间 {closesAt} 须晚于报名开始时间 {opensAt}',
    en: 'Applications must close ({closesAt}) after they open ({opensAt})',
  },
  CALENDAR_DAY_OUTSIDE_TERM: {
    status: 422,
    zh: '{date} 不在学期 {startsOn} 至 {endsOn} 之内',
    en: '{date} is outside the term ({startsOn} to {endsOn})',
  },
  CALENDAR_DAY_DUPLICATE: { status: 422, zh: '日期 {date} 重复', en: 'The date {date} is listed twice' },
  CALENDAR_HOLIDAY_ON_WEEKEND: {
    status: 422,
    zh: '{date} 是周末，本来就没有课后服务，无需设为放假',
    en: '{date} is a weekend day; it has no service anyway',
  },
  CALENDAR_MAKEUP_ON_WEEKDAY: {
    status: 422,
    zh: '{date} 是工作日；调休上班日应为周六或周日',
    en: '{date} is a weekday; a make-up working day falls on a Saturday or Sunday',
  },
  CALENDAR_MAKEUP_NEEDS_WEEKDAY: {
    status: 422,
    zh: '调休上班日 {date} 须指定按星期几（一至五）的课表',
    en: 'The make-up day {date} needs the weekday (Monday–Friday) whose timetable it follows',
  },
  VENUE_NAME_TAKEN: { status: 409, zh: '场地“{name}”已存在', en: 'A venue named "{name}" already exists' },
  VENUE_FIRE_CHECK_DATE: {
    status: 422,
    zh: '标记“消防安全”时须填写检查日期',
    en: 'Marking a venue fire-safe needs the date it was checked',
  },
  VENUE_NOT_FIRE_SAFE: {
    status: 422,
    zh: '场地“{venue}”用于午休，须先通过消防安全检查并标记后才能使用',
    en: 'The venue "{venue}" is used for a nap; it must be checked and marked fire-safe first',
  },
  OFFERING_OVER_VENUE_CAPACITY: {
    status: 422,
    zh: '名额 {capacity} 人超过场地“{venue}”的容量 {venueCapacity} 人',
    en: '{capacity} places exceed the capacity of "{venue}" ({venueCapacity})',
  },
  VENUE_CAPACITY_BELOW_OFFERING: {
    status: 422,
    zh: '场地容量 {venueCapacity} 人小于在此开设的“{offering}”的名额 {capacity} 人',
    en: 'A capacity of {venueCapacity} is less than the {capacity} places of "{offering}" held here',
  },
  VENUE_IN_USE: {
    status: 409,
    zh: '场地“{name}”仍有 {count} 个服务项目在使用，不能删除',
    en: 'The venue "{name}" is used by {count} offerings and cannot be deleted',
  },
  SESSION_NAME_TAKEN: {
    status: 409,
    zh: '本学期已有名为“{name}”的时段',
    en: 'This term already has a session named "{name}"',
  },
  SESSION_TIMES_INVALID: {
    status: 422,
    zh: '结束时间 {endsAt} 须晚于开始时间 {startsAt}',
    en: 'The end time {endsAt} must be after the start time {startsAt}',
  },
  PERIOD_LIMIT_EXCEEDED: {
    status: 422,
    zh: '星期{weekdayZh}{kindZh}课时合计 {hours} 课时，超过上限 {limit} 课时',
    en: '{weekdayEn}: {hours} class-hours for the {kindEn}, over the limit of {limit}',
  },
  SESSION_IN_USE: {
    status: 409,
    zh: '时段“{name}”下还有 {count} 个服务项目，不能删除',
    en: 'The session "{name}" still has {count} offerings and cannot be deleted',
  },
  SUBJECT_TEACHING_FORBIDDEN: {
    status: 422,
    zh: '课后服务严禁集体补课：“{what}”属于学科教学或补课，不能开设',
    en: 'Collective teaching and remedial lessons are forbidden in after-school service (严禁集体补课): "{what}" cannot be offered',
  },
  CLUB_NEEDS_CATEGORY: {
    status: 422,
    zh: '社团须选择类别（艺术、语言、体育、科技或其他）',
    en: 'A club needs a category (art, language, sport, science or other)',
  },
  OFFERING_NAME_TAKEN: {
    status: 409,
    zh: '本学期已有名为“{name}”的服务项目',
    en: 'This term already has an offering named "{name}"',
  },
  OFFERING_FEE_INCOMPLETE: {
    status: 422,
    zh: '收费标准须同时填写计费方式和金额',
    en: 'A fee needs both its basis and its amount',
  },
  TEACHER_NOT_STAFF: {
    status: 422,
    zh: '指定的教师不是本校在职教职工',
    en: 'The chosen teacher is not an active staff member of this school',
  },
  OFFERING_IN_USE: {
    status: 409,
    zh: '已有 {count} 份报名选择了“{name}”，不能删除',
    en: '{count} applications chose "{name}"; it cannot be deleted',
  },
  NOTICE_NOT_PUBLISHED: {
    status: 404,
    zh: '本学期的告家长书尚未发布',
    en: 'The notice to parents for this term has not been published yet',
  },
  NOTICE_WINDOW_CLOSED: {
    status: 422,
    zh: '报名已于 {closesAt} 截止，不能再发布告家长书',
    en: 'Applications closed at {closesAt}; the notice can no longer be published',
  },
  NOTICE_NO_HOMEWORK_CARE: {
    status: 422,
    zh: '作业辅导是课后服务的基本内容，请先添加作业辅导项目再发布告家长书',
    en: 'Homework care is the basic element of the service; add a homework-care offering before publishing the notice',
  },
  // ---- end programme ----
  // ---- enrolment (ENR): add enrolment codes in this section ----
  INVALID_TRANSITION: {
    status: 409,
    zh: '当前状态为“{from}”，不能执行“{event}”',
    en: 'This cannot be done ({event}) while the status is "{from}"',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: '该请求编号已用于另一份不同的提交，请刷新后重试',
    en: 'This request key was already used for a different submission; reload and try again',
  },
  ENROLMENT_NOT_OPEN: {
    status: 409,
    zh: '报名尚未开始，将于 {opensAt} 开放',
    en: 'Applications are not open yet; they open at {opensAt}',
  },
  ENROLMENT_CLOSED: {
    status: 409,
    zh: '报名已于 {closesAt} 截止',
    en: 'Applications closed at {closesAt}',
  },
  ENROLMENT_NO_NOTICE: {
    status: 409,
    zh: '本学期的告家长书尚未发布，报名尚未开放',
    en: 'The notice to parents for this term is not published yet, so applications are not open',
  },
  APPLICATION_EXISTS: {
    status: 409,
    zh: '{student}本学期已有报名（编号 {ref}）',
    en: '{student} already has an application this term (reference {ref})',
  },
  UNKNOWN_OFFERING: {
    status: 422,
    zh: '所选项目“{offeringId}”不属于本学期',
    en: 'The chosen offering "{offeringId}" is not part of this term',
  },
  DUPLICATE_OFFERING: {
    status: 422,
    zh: '“{offering}”被选择了不止一次',
    en: '"{offering}" is chosen more than once',
  },
  CONDITION_NOT_CONFIRMED: {
    status: 422,
    zh: '请确认报名条件：“{condition}”',
    en: 'Please confirm the condition: "{condition}"',
  },
  CONDITION_PROOF_MISSING: {
    status: 422,
    zh: '报名条件“{condition}”需要填写证明（如保单号）',
    en: 'The condition "{condition}" needs a proof (e.g. a policy number)',
  },
  APPLICATION_NOT_EDITABLE: {
    status: 409,
    zh: '报名当前状态为“{status}”，不能再修改',
    en: 'The application can no longer be changed while it is "{status}"',
  },
  APPLICATION_NOT_WITHDRAWABLE: {
    status: 409,
    zh: '报名当前状态为“{status}”，不能直接撤回；获得名额后可提交书面退出申请',
    en: 'An application that is "{status}" cannot be withdrawn directly; once it holds a place, request a withdrawal in writing',
  },
  AGREEMENT_MISSING: {
    status: 409,
    zh: '学校尚未发布本学期的协议文本',
    en: 'The school has not published the agreement for this term yet',
  },
  AGREEMENT_VERSION_STALE: {
    status: 409,
    zh: '协议已更新为第 {current} 版，请阅读新版后再签署',
    en: 'The agreement is now version {current}; read it and sign again',
  },
  SIGNED_NAME_MISMATCH: {
    status: 422,
    zh: '签名“{signedName}”与本账号登记的监护人姓名不一致',
    en: 'The signature "{signedName}" does not match the guardian name registered for this account',
  },
  LIST_ALREADY_PUBLISHED: {
    status: 409,
    zh: '名单已于 {publishedAt} 公示',
    en: 'The list was already published at {publishedAt}',
  },
  LIST_NOT_PUBLISHED: {
    status: 409,
    zh: '本学期名单尚未公示',
    en: 'The list for this term is not published yet',
  },
  WITHDRAWAL_NOT_ALLOWED: {
    status: 409,
    zh: '报名当前状态为“{status}”，没有可退出的名额',
    en: 'An application that is "{status}" holds no place to withdraw from',
  },
  WITHDRAWAL_LINE_NOT_HELD: {
    status: 422,
    zh: '“{offering}”当前没有名额可退出',
    en: 'There is no place in "{offering}" to withdraw from',
  },
  WITHDRAWAL_TOO_SOON: {
    status: 422,
    zh: '退出须提前 {days} 天书面申请，最早可于 {earliest} 生效',
    en: 'A withdrawal needs {days} days’ written notice; the earliest date is {earliest}',
  },
  WITHDRAWAL_PENDING: {
    status: 409,
    zh: '已有一份待学校处理的退出申请（{effectiveOn} 生效）',
    en: 'A withdrawal request (effective {effectiveOn}) is already waiting for the school',
  },
  // The draw (ENR-4), the waitlist and withdrawal decisions (ENR-6).
  DRAW_SEED_TOO_LATE: {
    status: 409,
    zh: '报名已于 {closesAt} 截止，抽签种子必须在截止前确定',
    en: 'Applications closed at {closesAt}; the draw seed must be fixed before the window closes',
  },
  DRAW_SEED_ALREADY_COMMITTED: {
    status: 409,
    zh: '抽签种子已于 {committedAt} 确定（摘要 {seedHash}），不能更改',
    en: 'The draw seed was fixed at {committedAt} (hash {seedHash}) and cannot be changed',
  },
  DRAW_SEED_NOT_COMMITTED: {
    status: 409,
    zh: '报名截止前没有确定抽签种子，不能抽签',
    en: 'No draw seed was fixed before the window closed; the draw cannot run',
  },
  DRAW_WINDOW_OPEN: {
    status: 409,
    zh: '报名到 {closesAt} 才截止，截止后才能抽签',
    en: 'Applications are open until {closesAt}; the draw runs after the window closes',
  },
  DRAW_ALREADY_RUN: {
    status: 409,
    zh: '本学期已于 {drawnAt} 抽签，不能重复抽签',
    en: 'This term was drawn at {drawnAt}; a draw runs only once',
  },
  DRAW_UNDECIDED_APPLICATIONS: {
    status: 409,
    zh: '还有 {count} 份申请未审核完毕，请先完成审核再抽签',
    en: '{count} applications still await a decision; decide them before the draw',
  },
  OFFER_EXPIRED: {
    status: 409,
    zh: '该名额须在 {expiresAt} 前确认，已过期，名额已顺延给下一位候补',
    en: 'This place had to be accepted by {expiresAt}; it has lapsed and gone to the next on the waitlist',
  },
  // ---- end enrolment ----
  // incidents and notify channels (DAY-6, SAFE-1)
  NOTIFY_CHANNEL_SECRET_REQUIRED: {
    status: 422,
    zh: '新建 Webhook 渠道须设置签名密钥（至少 16 位）',
    en: 'A new webhook channel needs a signing secret (at least 16 characters)',
  },
  NOTIFY_CHANNEL_KIND_FIXED: {
    status: 422,
    zh: '渠道类型不能修改，请新建一个渠道',
    en: 'A channel’s kind cannot change; create a new channel instead',
  },
  NOTIFY_TEST_NO_EMAIL: {
    status: 422,
    zh: '请填写测试收件邮箱，或先在个人信息中登记邮箱',
    en: 'Give an address for the test mail, or add an email to your profile first',
  },
  INCIDENT_TRANSITION_NOT_ALLOWED: {
    status: 409,
    zh: '该事件当前状态为“{status}”，不能{action}',
    en: 'The incident is {status}; it cannot be {action}',
  },
  INCIDENT_STUDENT_NOT_IN_CLASS: {
    status: 422,
    zh: '所选学生不在该临时班中',
    en: 'A chosen student is not a member of this class',
  },
  INCIDENT_CLASS_REQUIRED: {
    status: 422,
    zh: '请选择发生事件的临时班（只有学校管理员可登记不属于某个班的事件）',
    en: 'Choose the class where it happened (only the school admin records an incident outside a class)',
  },
  INCIDENT_STAFF_REQUIRED: {
    status: 422,
    zh: '失职或安全隐患事件须指明涉及的教职工',
    en: 'A dereliction or safety incident must name the staff member concerned',
  },
  INCIDENT_STAFF_NOT_IN_SCHOOL: {
    status: 422,
    zh: '所指教职工不在本校',
    en: 'The staff member named does not work at this school',
  },
  INCIDENT_IN_FUTURE: {
    status: 422,
    zh: '事件发生时间不能晚于现在',
    en: 'The incident cannot have happened in the future',
  },
  // ---- daily attendance: leave, roll call, handover, care log, staff attendance (DAY-1…3, DAY-6…8) ----
  DAILY_NOT_SCHOOL_DAY: {
    status: 422,
    zh: '{date} 不是该时段的上课日',
    en: '{date} is not a school day of this session',
  },
  DAILY_FUTURE_DATE: {
    status: 422,
    zh: '不能为以后的日期（{date}）记录',
    en: 'Nothing can be recorded for a future date ({date})',
  },
  DAILY_TOO_OLD: {
    status: 422,
    zh: '{date} 已超过可更正的期限（{days} 天），请联系学校管理员',
    en: '{date} is past the correction period ({days} days); ask the school administrator',
  },
  ROLL_MEMBERS_MISMATCH: {
    status: 422,
    zh: '点名须包含全班每位学生且仅一次：缺少 {missing} 人，多出 {extra} 人，重复 {duplicate} 人。请刷新名单后重试',
    en: 'A roll call must mark every member of the class exactly once: {missing} missing, {extra} not in the class, {duplicate} repeated. Reload the list and try again',
  },
  ROLL_CHANGED_MEANWHILE: {
    status: 409,
    zh: '点名已被他人更新为第 {version} 版，请刷新后再更正',
    en: 'The roll was updated meanwhile (version {version}); reload before correcting it',
  },
  LEAVE_DATES_INVALID: {
    status: 422,
    zh: '请假日期须在本学期内（{startsOn} 至 {endsOn}），且结束日期不早于开始日期',
    en: 'Leave must fall within the term ({startsOn} to {endsOn}) and end no earlier than it starts',
  },
  LEAVE_IN_PAST: {
    status: 422,
    zh: '不能为已过去的日期请假（今天是 {today}）',
    en: 'Leave cannot start before today ({today})',
  },
  LEAVE_NO_SCHOOL_DAY: {
    status: 422,
    zh: '所选日期内没有课后服务日',
    en: 'There is no school day in the chosen dates',
  },
  LEAVE_NOT_CANCELLABLE: {
    status: 409,
    zh: '该请假已开始或已取消，不能再取消',
    en: 'This leave has started or was cancelled; it can no longer be cancelled',
  },
  HANDOVER_PARTY_MISSING: {
    status: 422,
    zh: '请写明交接对象：末节交接填写交班的任课教师，结束交接须有当天该时段的值班教师',
    en: 'Name the other party: the last-period teacher for the first handover, the session’s duty teacher for the last',
  },
  CARE_LOG_CHANGED_MEANWHILE: {
    status: 409,
    zh: '看管记录已被他人更新为第 {version} 版，请刷新后再改',
    en: 'The care log was updated meanwhile (version {version}); reload before changing it',
  },
  STAFF_NOT_ROSTERED: {
    status: 422,
    zh: '您今天在该时段没有值班安排',
    en: 'You are not on the roster for this session today',
  },
  STAFF_CHECK_IN_CLOSED: {
    status: 409,
    zh: '该时段已结束（{endsAt}），不能再签到，请联系学校管理员',
    en: 'This session ended at {endsAt}; check-in is closed, ask the school administrator',
  },
  STAFF_CHECK_IN_TOO_EARLY: {
    status: 422,
    zh: '签到时间未到，最早可于 {opensAt} 签到',
    en: 'Too early to check in; check-in opens at {opensAt}',
  },
  // ---- end daily attendance ----
  // pickup and gate (DAY-4, DAY-5, DAY-9, DAY-10)
  PICKUP_NO_ROLL: {
    status: 422,
    zh: '{className}今天还没有点名，点名后才能放学交接',
    en: 'The roll of {className} has not been taken today; take it before releasing children',
  },
  PICKUP_NOT_ON_SITE: {
    status: 422,
    zh: '{student}今天点名为“{status}”，不在校，不能交接',
    en: '{student} is marked "{status}" today and is not on site; there is no one to release',
  },
  PICKUP_ALREADY_RELEASED: {
    status: 409,
    zh: '{student}今天已于 {at} 交接，不能重复交接',
    en: '{student} was already released today at {at}',
  },
  PICKUP_CODE_WRONG: {
    status: 422,
    zh: '接送码不正确，请核对后重试（还可尝试 {remaining} 次）',
    en: 'The pickup code is wrong; check it and try again ({remaining} attempts left)',
  },
  PICKUP_LOCKED: {
    status: 429,
    zh: '接送码错误次数过多，已锁定至 {until}；请核验身份证，或请学校管理员解锁',
    en: 'Too many wrong pickup codes; locked until {until}. Check ID instead, or ask the school admin to unlock',
  },
  PICKUP_ADULT_REVOKED: {
    status: 422,
    zh: '{adult}的接送授权已被家长撤销，不能接走孩子',
    en: 'The family has revoked the authorisation of {adult}; they may not collect the child',
  },
  PICKUP_ADULT_NOT_AUTHORISED: {
    status: 422,
    zh: '此人不在孩子的授权接送人名单中，不能接走孩子',
    en: 'This person is not on the child’s list of authorised adults and may not collect the child',
  },
  PICKUP_HANDOVER_ACK_REQUIRED: {
    status: 409,
    zh: '{student}须由老师亲自交到家长手中（{note}），请确认后再交接',
    en: '{student} must be handed to the parent by a teacher in person ({note}); confirm this to release',
  },
  PICKUP_NO_PERMIT: {
    status: 422,
    zh: '{student}今天没有有效的独自回家证，不能独自离校',
    en: '{student} has no valid walk-home-alone permit for today and may not leave alone',
  },
  PICKUP_NOT_CONFIRMABLE: {
    status: 409,
    zh: '这次交接已确认或无需确认',
    en: 'This release is already confirmed or needs no confirmation',
  },
  PERMIT_ALREADY_ACTIVE: {
    status: 409,
    zh: '{student}本学期已有有效的独自回家证，请先撤销再重新签署',
    en: '{student} already has a valid walk-home permit this term; revoke it before signing a new one',
  },
  PERMIT_ALREADY_REVOKED: {
    status: 409,
    zh: '该独自回家证已于 {at} 撤销',
    en: 'This walk-home permit was revoked at {at}',
  },
  PERMIT_TERM_OVER: {
    status: 422,
    zh: '{term}已于 {endsOn} 结束，不能再签署',
    en: '{term} ended on {endsOn}; a permit can no longer be signed for it',
  },
  BOARD_NOT_ON_DUTY: {
    status: 403,
    zh: '值班看板只对今天的值班领导和学校管理员开放',
    en: 'The duty board is for today’s duty leaders and the school admin',
  },
  GATE_ALREADY_SIGNED_OUT: {
    status: 409,
    zh: '该访客已于 {at} 离校登记',
    en: 'This visitor already signed out at {at}',
  },
  // ---- duty roster, swaps, outside staff (STAFF-4, STAFF-5, STAFF-6, DIST-2) ----
  ROSTER_NO_SCHOOL_DAYS: {
    status: 422,
    zh: '学期“{term}”没有上课日或时段，无法生成值班表',
    en: 'The term "{term}" has no school days or sessions to roster',
  },
  ROSTER_NOT_DRAFT: {
    status: 409,
    zh: '第 {version} 版值班表状态为“{status}”，只有草稿可以发布',
    en: 'Roster version {version} is "{status}"; only a draft can be published',
  },
  ROSTER_NOT_PUBLISHED: {
    status: 404,
    zh: '本学期还没有发布的值班表',
    en: 'No duty roster is published for this term yet',
  },
  DUTY_NOT_YOURS: {
    status: 403,
    zh: '只能申请调换自己的值班',
    en: 'You can only ask to swap your own duty',
  },
  DUTY_IN_PAST: {
    status: 422,
    zh: '{date} 的值班已过，不能调换',
    en: 'The duty on {date} is past and cannot be swapped',
  },
  SWAP_SAME_PERSON: { status: 422, zh: '不能与自己调换', en: 'You cannot swap a duty with yourself' },
  SWAP_PENDING: {
    status: 409,
    zh: '这项值班已有一份待处理的调换申请',
    en: 'This duty already has a swap request waiting',
  },
  SWAP_NOT_PARTY: {
    status: 403,
    zh: '这份调换申请不由您处理',
    en: 'This swap request is not yours to answer',
  },
  SWAP_TAKER_NOT_STAFF: {
    status: 422,
    zh: '“{name}”不是本校可排班的教职工（外聘人员须审核通过）',
    en: '"{name}" is not staff who can be rostered here (outside staff must pass their review)',
  },
  SWAP_TAKER_UNAVAILABLE: {
    status: 409,
    zh: '“{name}”不能接替 {date} 的值班：{reason}',
    en: '"{name}" cannot take the duty on {date}: {reason}',
  },
  OUTSIDE_CHECKS_OUTSTANDING: {
    status: 422,
    zh: '以下审核项尚未全部通过或已过期：{checks}',
    en: 'These checks have not all passed or have expired: {checks}',
  },
  OUTSIDE_INSTITUTION_REQUIRED: {
    status: 422,
    zh: '机构人员须选择区教体局准入名单中的机构',
    en: 'An institution’s staff member needs an institution from the district’s approved list',
  },
  OUTSIDE_INSTITUTION_ONLY_FOR_STAFF: {
    status: 422,
    zh: '只有“机构人员”类别需要填写机构',
    en: 'Only an institution’s staff member names an institution',
  },
  OUTSIDE_PAID_BODIES_FORBIDDEN: {
    status: 422,
    zh: '本校已设置不引进校外付费机构，不能登记机构人员',
    en: 'This school does not admit paid outside bodies, so institution staff cannot be registered',
  },
  INSTITUTION_NOT_APPROVED: {
    status: 422,
    zh: '机构“{name}”不在区教体局准入名单中（当前状态：{status}）',
    en: 'The institution "{name}" is not on the district’s approved list (status: {status})',
  },
  INSTITUTION_NAME_TAKEN: {
    status: 409,
    zh: '名单中已有机构“{name}”',
    en: 'The list already has an institution named "{name}"',
  },
  AVAILABILITY_SLOT_INVALID: {
    status: 422,
    zh: '时段“{session}”在星期{weekday}不开设，不能报名',
    en: 'The session "{session}" does not run on weekday {weekday}',
  },
  OUTSIDE_ACCOUNT_INVALID: {
    status: 422,
    zh: '所选账号不是本校的外聘人员账号',
    en: 'The chosen account is not an outside-staff account of this school',
  },
  // ---- end duty roster ----
  INTERNAL: {
    status: 500,
    zh: '服务器内部错误，请稍后重试',
    en: 'Something went wrong on the server; try again later',
  },
  // ---- temporary classes (STAFF-1, STAFF-2, STAFF-3) ----
  TEMP_CLASS_FULL: {
    status: 409,
    zh: '“{className}”已有 {count} 人，上限 {cap} 人，不能再加入',
    en: '"{className}" already has {count} students; its cap is {cap}',
  },
  TEMP_CLASS_SEAT_RANGE: {
    status: 422,
    zh: '座位号须在 1 到 {max} 之间',
    en: 'The seat number must be between 1 and {max}',
  },
  TEMP_CLASS_ROLL_CALL_TAKEN: {
    status: 409,
    zh: '“{offering}”的临时班已经点过名（{date}），不能重新分班；请用“安置新生”或手动调班',
    en: 'The classes of "{offering}" already have a roll call ({date}); they cannot be regenerated. Place new students or move students instead',
  },
  TEMP_CLASS_ON_ROSTER: {
    status: 409,
    zh: '值班表已安排“{className}”，不能在重新分班时删除它；请先调整值班表',
    en: 'The duty roster names "{className}", so regeneration cannot remove it; change the roster first',
  },
  TEMP_CLASS_HEAD_NOT_STAFF: {
    status: 422,
    zh: '临时班主任须是本校教师',
    en: 'The temporary head teacher must be a teacher of this school',
  },
  TEMP_CLASS_VENUE_TOO_SMALL: {
    status: 409,
    zh: '场地“{venue}”只能容纳 {capacity} 人，“{className}”有 {count} 人',
    en: 'Venue "{venue}" holds {capacity}; "{className}" has {count} students',
  },
  TEMP_CLASS_VENUE_TAKEN: {
    status: 409,
    zh: '场地“{venue}”在同一时段已由“{other}”使用',
    en: 'Venue "{venue}" is already used by "{other}" in the same session',
  },
  TEMP_CLASS_NAME_TAKEN: {
    status: 409,
    zh: '本服务项目已有名为“{name}”的临时班',
    en: 'This offering already has a temporary class named "{name}"',
  },
  TEMP_CLASS_OTHER_OFFERING: {
    status: 422,
    zh: '只能调到同一服务项目的临时班',
    en: 'A student can only move to a class of the same offering',
  },
  TEMP_CLASS_NOT_MEMBER: {
    status: 422,
    zh: '该学生目前不在此临时班',
    en: 'The student is not currently in this class',
  },
  // ---- end temporary classes ----
  // fees and funds (FEE-1…11)
  FEE_OVER_CAP: {
    status: 422,
    zh: '收费 {fee} 元超过区定限价 {cap} 元（{document}），请按限价以内设定',
    en: 'The fee of {fee} yuan is over the district cap of {cap} yuan ({document}); set it within the cap',
  },
  FEE_NOT_SET: {
    status: 422,
    zh: '“{offering}”尚未设定收费标准，不能出账',
    en: '"{offering}" has no fee standard yet; set one before billing',
  },
  AMOUNT_INVALID: {
    status: 400,
    zh: '金额须为正数，且最多精确到分',
    en: 'The amount must be positive and to the fen at most',
  },
  MONTH_NOT_ENDED: {
    status: 422,
    zh: '{month} 尚未结束，月底后才能结算',
    en: '{month} has not ended; settle it after the month is over',
  },
  MONTH_NOT_IN_TERM: {
    status: 422,
    zh: '{month} 不在本学期内',
    en: '{month} is not a month of this term',
  },
  MONTH_SETTLED: {
    status: 409,
    zh: '{month} 已结算，不能再修改；更正将在下次结算中作为调整计入',
    en: '{month} is settled and closed; corrections go into the next settlement as adjustments',
  },
  REFUND_OVER_BALANCE: {
    status: 422,
    zh: '退费 {amount} 元超过可退余额 {available} 元',
    en: 'A refund of {amount} yuan is more than the {available} yuan that can be refunded',
  },
  REFUND_SAME_PERSON: {
    status: 403,
    zh: '退费须由另一人审批：提出人不能审批自己提出的退费',
    en: 'A refund needs a second person: whoever proposed it cannot approve it',
  },
  REFUND_NOT_PENDING: {
    status: 409,
    zh: '该退费已处理（{status}），不能重复审批',
    en: 'This refund has already been decided ({status})',
  },
  PAYMENT_SIGNATURE_INVALID: {
    status: 401,
    zh: '支付通知签名无效，已拒收并记录',
    en: 'The payment notification signature is invalid; refused and logged',
  },
  PAYMENT_STALE: {
    status: 401,
    zh: '支付通知时间戳过期，已拒收并记录',
    en: 'The payment notification is too old; refused and logged',
  },
  PAYMENT_KEY_REUSED: {
    status: 409,
    zh: '该幂等键已用于另一笔不同的收款',
    en: 'This idempotency key was already used for a different payment',
  },
  TERM_CLOSED_FOR_STUDENT: {
    status: 409,
    zh: '{student}本学期已完成期末结算（多还少补）',
    en: 'The term-end balance of {student} has already been closed',
  },
  VOUCHER_TAKEN: {
    status: 409,
    zh: '凭证号 {voucher} 已使用',
    en: 'Voucher number {voucher} is already used',
  },
  ENTRY_ALREADY_REVERSED: {
    status: 409,
    zh: '该笔记录已冲销，不能重复冲销',
    en: 'This entry has already been reversed',
  },
  // meals (FEE-7)
  MEAL_OPTIN_PAST: {
    status: 422,
    zh: '家长只能从今天（{today}）起报餐或退餐；更早的日期请联系学校财务',
    en: 'A family can opt in or out from today ({today}) on; for an earlier date ask the school finance office',
  },
  // term bills and payments
  PAYMENT_OVER_OUTSTANDING: {
    status: 422,
    zh: '收款 {amount} 元超过该学生本学期{stream}待缴的 {outstanding} 元；多缴只能由结算退费形成',
    en: 'A payment of {amount} yuan is more than the {outstanding} yuan outstanding for {stream} this term',
  },
  PAYMENT_KEY_REQUIRED: {
    status: 400,
    zh: '登记收款须带 Idempotency-Key 请求头，以免重复收款',
    en: 'Recording a payment needs an Idempotency-Key header, so a retry cannot record it twice',
  },
  PAYMENT_REFERENCE_REQUIRED: {
    status: 400,
    zh: '转账和线上缴费须填写流水号',
    en: 'A transfer or online payment needs its transaction reference',
  },
  PAYMENT_NOTIFICATION_INVALID: {
    status: 400,
    zh: '支付通知内容不完整或无法识别，已拒收并记录',
    en: 'The payment notification is incomplete or unreadable; refused and logged',
  },
  TERM_NOT_SETTLED: {
    status: 409,
    zh: '本学期 {month} 尚未结算，各月结算完毕后才能进行期末结算',
    en: 'The term’s month {month} is not settled yet; settle every month before closing the term',
  },
  PAYMENT_REFERENCE_RECORDED: {
    status: 409,
    zh: '流水号 {reference} 的线上缴费已入账（支付通知已到或已登记），不能重复登记',
    en: 'The online payment with reference {reference} is already recorded (notified by the provider or entered before); it cannot be recorded twice',
  },
  PAYMENT_KEY_RESERVED: {
    status: 400,
    zh: '以 provider: 开头的 Idempotency-Key 留给支付通知使用，请换一个',
    en: 'Idempotency-Keys starting with provider: are reserved for payment notifications; use another key',
  },
  // ---- end fees and funds ----
  // outside institutions (DIST-2)
  INSTITUTION_REASON_REQUIRED: {
    status: 422,
    zh: '请说明理由：清退须选择清退原因（“其他”须填写说明），暂停须填写说明',
    en: 'Give a reason: a removal names one of the removal reasons (with words for "other"), a suspension says why',
  },
  INSTITUTION_REASON_ONLY_FOR_REMOVAL: {
    status: 422,
    zh: '清退原因只用于清退；其他操作请填写说明',
    en: 'A removal reason belongs to a removal only; write a note for other changes',
  },
  INSTITUTION_PRICE_OVER_CAP: {
    status: 422,
    zh: '课时单价 {price} 元超过区定特色活动限价 {cap} 元/课时（{document}）',
    en: 'The price of {price} yuan per class-hour is over the district cap for special activities of {cap} yuan ({document})',
  },
  INSTITUTION_COURSE_RETIRED: {
    status: 422,
    zh: '课程“{name}”已停用，不能预订',
    en: 'The course "{name}" is retired and cannot be booked',
  },
  INSTITUTION_ALREADY_BOOKED: {
    status: 409,
    zh: '本学期已预订该课程',
    en: 'This course is already booked for the term',
  },
  INSTITUTION_NOT_BOOKED: {
    status: 422,
    zh: '本校未预订过机构“{name}”的课程，不能评价',
    en: 'This school has never booked a course of "{name}", so it cannot evaluate it',
  },
  INSTITUTION_ALREADY_EVALUATED: {
    status: 409,
    zh: '本校已评价过该机构本学期的服务',
    en: 'This school has already evaluated the institution for this term',
  },
  INSTITUTION_COMPLAINT_HANDLED: {
    status: 409,
    zh: '该投诉已处理',
    en: 'This complaint has already been handled',
  },
  // ---- surveys (SURV-1, SURV-2) ----
  SURVEY_NOT_DRAFT: {
    status: 409,
    zh: '问卷已发布，题目不能再修改',
    en: 'The survey is no longer a draft; its questions cannot change',
  },
  SURVEY_STATUS_CHANGE: {
    status: 409,
    zh: '问卷当前状态（{from}）不能改为 {to}',
    en: 'A survey in state {from} cannot become {to}',
  },
  SURVEY_QUESTIONS_INVALID: {
    status: 400,
    zh: '有 {count} 处题目设置有误，请检查',
    en: '{count} problems in the questions; please check them',
  },
  SURVEY_ANSWERS_INVALID: {
    status: 400,
    zh: '有 {count} 处回答有误或必答题未答，请检查',
    en: '{count} answers are wrong or missing; please check them',
  },
  SURVEY_NOT_OPEN: {
    status: 409,
    zh: '该问卷未开放或已结束，不能再填写',
    en: 'This survey is not open for answers',
  },
  SURVEY_ALREADY_ANSWERED: {
    status: 409,
    zh: '您的家庭已经填写过这份问卷',
    en: 'Your family has already answered this survey',
  },
  SURVEY_CHILD_REQUIRED: {
    status: 400,
    zh: '这份问卷按孩子填写，请选择为哪个孩子填写',
    en: 'This survey is answered per child; choose the child',
  },
  SURVEY_NOT_ENROLLED: {
    status: 409,
    zh: '满意度调查只请本学期有孩子参加课后服务的家庭填写',
    en: 'Only families with a child enrolled in this term may answer a satisfaction survey',
  },
  // ---- end surveys ----
  // teacher pay (PAY-1…8)
  PAY_FUND_INVALID: {
    status: 400,
    zh: '请填写本学期教师酬劳经费：正整数的分（如 1000000 即 10,000.00 元）',
    en: 'Enter the term’s teacher-pay fund as a positive whole number of fen (1000000 is 10,000.00 yuan)',
  },
  PAY_RUN_NOT_DRAFT: {
    status: 409,
    zh: '该酬劳核算已{status}，不能再审批或修改；如需更正请重新核算，生成调整单',
    en: 'This pay run is {status}; it cannot be approved or changed. Compute again to make an adjustment',
  },
  PAY_TERM_NOT_ENDED: {
    status: 409,
    zh: '学期尚未结束（最后一天为 {endsOn}），学期最后一天的次日起才能审批教师酬劳',
    en: 'The term has not ended yet (its last day is {endsOn}); pay can be approved from the day after the term’s last day',
  },
  PAY_RUN_BEFORE_TERM_END: {
    status: 409,
    zh: '该核算于 {computedOn} 生成，学期最后一天（{endsOn}）的服务可能尚未计入；请在 {endsOn} 之后重新核算，再审批新的核算',
    en: 'This run was computed on {computedOn}, before the day after the term’s last day ({endsOn}), so it may miss that day’s sessions; compute again after {endsOn} and approve the new run',
  },
  PAY_EVENT_NOT_IN_TERM: {
    status: 422,
    zh: '日期 {date} 不在本学期内',
    en: 'The date {date} is not in the term',
  },
  PAY_EVENT_NOT_STAFF: {
    status: 422,
    zh: '所选人员不是本校教职工',
    en: 'The person chosen is not on the school’s staff',
  },
  PAY_EVENT_WITHDRAWN: {
    status: 409,
    zh: '该记录已撤销',
    en: 'This entry is already withdrawn',
  },
} satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof catalogue;
export type Params = Record<string, string | number>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Params;
  readonly details: unknown;

  constructor(code: ErrorCode, params: Params = {}, details?: unknown) {
    super(render(catalogue[code].en, params));
    this.code = code;
    this.params = params;
    this.details = details;
  }

  get status(): number {
    return catalogue[this.code].status;
  }
}

export function render(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}

export function messageFor(code: ErrorCode, params: Params, locale: Locale): string {
  const entry: Entry = catalogue[code];
  return render(locale === 'en' ? entry.en : entry.zh, params);
}

/**
 * The caller's language: the request's Accept-Language (the web app sends the language the user
 * chose), else the account's saved preference; Chinese by default.
 */
export function pickLocale(header: string | undefined, preferred?: string | null): Locale {
  const first = header?.split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('en')) return 'en';
  if (first.startsWith('zh')) return 'zh-CN';
  return preferred === 'en' ? 'en' : 'zh-CN';
}
