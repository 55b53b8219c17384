// Names of enrolment's audit actions and entities, merged into the audit page's labels (and used
// for the few timeline entries of an application that carry no status).
type Labels = Record<string, { zh: string; en: string }>;

export const enrolmentActionLabels: Labels = {
  'application.draft': { zh: '保存报名草稿', en: 'Application draft saved' },
  'application.submit': { zh: '提交报名', en: 'Application submitted' },
  'application.update': { zh: '修改报名', en: 'Application edited' },
  'application.preApprove': { zh: '班级初审通过', en: 'Passed the class review' },
  'application.preReject': { zh: '班级初审退回', en: 'Returned at the class review' },
  'application.approve': { zh: '学校核准报名', en: 'Application approved' },
  'application.reject': { zh: '学校不予核准', en: 'Application rejected' },
  'application.offer': { zh: '分配名额', en: 'Place offered' },
  'application.waitlist': { zh: '列入候补', en: 'Waitlisted' },
  'application.sign': { zh: '签署安全责任书', en: 'Agreement signed' },
  'application.enrol': { zh: '公示录取', en: 'Enrolled' },
  'application.withdraw': { zh: '撤回或退出报名', en: 'Application withdrawn' },
  'agreement.create': { zh: '发布协议文本', en: 'Agreement text published' },
  'consent.grant': { zh: '同意处理个人信息', en: 'Data consent given' },
  'consent.refuse': { zh: '不同意处理个人信息', en: 'Data consent refused' },
  'draw.commitSeed': { zh: '确定抽签种子', en: 'Draw seed fixed' },
  'draw.run': { zh: '抽签', en: 'Draw run' },
  'list.publish': { zh: '公示录取名单', en: 'List published' },
  'line.accept': { zh: '接受候补名额', en: 'Offer accepted' },
  'line.decline': { zh: '放弃名额', en: 'Offer declined' },
  'line.lapse': { zh: '名额逾期失效', en: 'Offer lapsed' },
  'line.withdraw': { zh: '退出项目', en: 'Left an offering' },
  'withdrawal.request': { zh: '申请退出', en: 'Withdrawal requested' },
  'withdrawal.approve': { zh: '同意退出', en: 'Withdrawal approved' },
  'withdrawal.reject': { zh: '不同意退出', en: 'Withdrawal rejected' },
};

export const enrolmentEntityLabels: Labels = {
  application: { zh: '报名', en: 'Application' },
  application_line: { zh: '报名项目', en: 'Chosen offering' },
  agreement: { zh: '协议', en: 'Agreement' },
  withdrawal: { zh: '退出申请', en: 'Withdrawal' },
};
