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
  NOTICE_NOT_PUBLISHED: {
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
  INTERNAL: {
    status: 500,
    zh: '服务器内部错误，请稍后重试',
    en: 'Something went wrong on the server; try again later',
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
