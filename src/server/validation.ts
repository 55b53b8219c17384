// Turns schema problems into one message per field, in the caller's language.
import type { Locale } from './errors';

export interface FieldProblem {
  field: string;
  message: string;
}

interface IssueLike {
  code?: string;
  keyword?: string;
  path?: PropertyKey[];
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
}

/** Named checks a schema can attach as its message (`z.string().regex(re, 'phone')`). */
const namedChecks: Record<string, { zh: string; en: string }> = {
  phone: { zh: '手机号格式不正确，应为 11 位手机号', en: 'Not a valid 11-digit mobile number' },
  password: {
    zh: '密码至少 8 位，且须同时包含字母和数字',
    en: 'A password needs at least 8 characters with letters and digits',
  },
  username: {
    zh: '用户名为 3–32 位字母、数字、点、下划线或连字符',
    en: 'A username is 3–32 letters, digits, dots, underscores or hyphens',
  },
  setupCode: { zh: '验证码为 8 位字母或数字', en: 'The code is 8 letters or digits' },
  phoneOrUsername: { zh: '手机号和用户名至少填写一项', en: 'Give a phone number or a username' },
  reasonRequired: { zh: '退回或不予通过时须填写理由', en: 'Give a reason when returning or rejecting' },
};

export function describeIssue(issue: IssueLike, locale: Locale): string {
  const zh = locale !== 'en';
  const code = issue.code ?? issue.keyword;
  const named = issue.message ? namedChecks[issue.message] : undefined;
  if (named) return zh ? named.zh : named.en;
  const p = { ...(issue.params ?? {}), ...issue } as IssueLike;
  switch (code) {
    case 'invalid_type':
      if (p.message?.includes('undefined') || p.message?.includes('received undefined')) {
        return zh ? '必填' : 'Required';
      }
      return zh ? `类型不正确，应为 ${p.expected}` : `Expected ${p.expected}`;
    case 'too_small':
      if (p.origin === 'string') {
        return Number(p.minimum) <= 1
          ? zh
            ? '不能为空'
            : 'Must not be empty'
          : zh
            ? `至少 ${p.minimum} 个字符`
            : `At least ${p.minimum} characters`;
      }
      if (p.origin === 'array') return zh ? `至少选择 ${p.minimum} 项` : `Choose at least ${p.minimum}`;
      return zh ? `不能小于 ${p.minimum}` : `Must be at least ${p.minimum}`;
    case 'too_big':
      if (p.origin === 'string') return zh ? `最多 ${p.maximum} 个字符` : `At most ${p.maximum} characters`;
      if (p.origin === 'array') return zh ? `最多 ${p.maximum} 项` : `At most ${p.maximum} items`;
      return zh ? `不能大于 ${p.maximum}` : `Must be at most ${p.maximum}`;
    case 'invalid_format':
      return zh ? '格式不正确' : 'Wrong format';
    case 'invalid_value':
      return zh ? '不是允许的取值' : 'Not an allowed value';
    case 'unrecognized_keys':
      return zh ? '包含不认识的字段' : 'Contains unknown fields';
    default:
      return zh ? '取值无效' : 'Invalid value';
  }
}

export function fieldOf(issue: IssueLike, context?: string): string {
  const parts = issue.path?.map(String) ?? issue.instancePath?.split('/').filter(Boolean) ?? [];
  const keys = (issue.params?.keys as string[] | undefined) ?? [];
  const joined = [...parts, ...keys].join('.');
  return joined || context || 'body';
}
