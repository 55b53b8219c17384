// Names of audit actions and entities as a school admin reads them; the code stays visible beside.
import { dailyActionLabels, dailyEntityLabels } from '../daily/auditLabels';
import { enrolmentActionLabels, enrolmentEntityLabels } from '../enrolment/auditLabels';
// service fund (FEE-2, FEE-8, FEE-9)
import { fundActionLabels, fundEntityLabels } from '../funds/auditLabels';
import { programmeActionLabels, programmeEntityLabels } from '../programme/auditLabels';

type Labels = Record<string, { zh: string; en: string }>;

export const actionLabels: Labels = {
  'student.create': { zh: '新增学生', en: 'Student added' },
  'student.update': { zh: '修改学生信息', en: 'Student edited' },
  'student.categories': { zh: '修改特殊类别', en: 'Categories changed' },
  'guardian.create': { zh: '新增家长', en: 'Guardian added' },
  'guardian.update': { zh: '修改家长信息', en: 'Guardian edited' },
  'guardian.link': { zh: '关联家长', en: 'Guardian linked' },
  'guardian.link.update': { zh: '修改家长关系', en: 'Guardian relation changed' },
  'guardian.unlink': { zh: '解除家长关联', en: 'Guardian unlinked' },
  'adult.authorise': { zh: '授权接送人', en: 'Pickup adult authorised' },
  'adult.revoke': { zh: '撤销接送授权', en: 'Pickup adult revoked' },
  'class.create': { zh: '新建班级', en: 'Class created' },
  'roster.import': { zh: '导入花名册', en: 'Roster imported' },
  'roster.export': { zh: '导出花名册', en: 'Roster exported' },
  'roster.print': { zh: '打印花名册', en: 'Roster printed' },
  'guardian.account': { zh: '家长关联账号', en: 'Guardian linked to account' },
  'guardian.primary': { zh: '更换主要联系人', en: 'Primary guardian changed' },
  'setupCode.reset': { zh: '生成重置密码验证码', en: 'Password reset code issued' },
  'user.create': { zh: '新建账号', en: 'Account created' },
  'user.update': { zh: '修改账号', en: 'Account edited' },
  'user.password.set': { zh: '首次设置密码', en: 'Password set' },
  'user.password.change': { zh: '修改密码', en: 'Password changed' },
  'role.grant': { zh: '授予角色', en: 'Role granted' },
  'role.revoke': { zh: '移除角色', en: 'Role removed' },
  'setupCode.issue': { zh: '生成首次登录验证码', en: 'Sign-in code issued' },
  'demo.load': { zh: '载入演示数据', en: 'Demo loaded' },
  ...programmeActionLabels,
  ...enrolmentActionLabels,
  // daily attendance (DAY-1…3, DAY-6…8, SAFE-3)
  ...dailyActionLabels,
  // service fund (FEE-2, FEE-8, FEE-9)
  ...fundActionLabels,
};

export const entityLabels: Labels = {
  student: { zh: '学生', en: 'Student' },
  guardian: { zh: '家长', en: 'Guardian' },
  user: { zh: '账号', en: 'Account' },
  class: { zh: '班级', en: 'Class' },
  school: { zh: '学校', en: 'School' },
  district: { zh: '区', en: 'District' },
  ...programmeEntityLabels,
  ...enrolmentEntityLabels,
  // daily attendance (DAY-1…3, DAY-6…8, SAFE-3)
  ...dailyEntityLabels,
  // service fund (FEE-2, FEE-8, FEE-9)
  ...fundEntityLabels,
};

export function labelOf(labels: Labels, code: string, lang: string): string {
  const entry = labels[code];
  return entry ? (lang === 'en' ? entry.en : entry.zh) : code;
}
