// Pure rules about people: roles and their scopes, grades and classes, phone numbers, masking,
// and the roster sheet (花名册) schools keep in Excel. No I/O, no clock.
//
// Glossary: 班主任 class teacher · 看护教师 care teacher · 家长 parent/guardian · 学号 student number ·
// 年级 grade · 班级 class · 花名册 roster · 建档立卡 registered-poor family · 低保 subsistence allowance.

export const roles = [
  'district_officer',
  'school_admin',
  'class_teacher',
  'care_teacher',
  'finance',
  'guard',
  'parent',
  'outside_staff',
] as const;
export type Role = (typeof roles)[number];

/** Where a grant applies: the whole district, one school, or one class of a school. */
export type RoleScope = 'district' | 'school' | 'class';
export const roleScope: Record<Role, RoleScope> = {
  district_officer: 'district',
  school_admin: 'school',
  class_teacher: 'class',
  care_teacher: 'school',
  finance: 'school',
  guard: 'school',
  parent: 'school',
  outside_staff: 'school',
};

/** Sensitive categories: the priority groups of ENR-4 and the waiver categories of FEE-6. */
export const sensitiveCategories = [
  'migrant_worker_child', // 随迁子女 (进城务工人员子女)
  'single_parent', // 单亲家庭
  'disabled', // 残疾儿童
  'left_behind', // 留守儿童
  'economic_difficulty', // 家庭经济困难
  'registered_poor', // 建档立卡
  'subsistence_allowance', // 低保
  'orphan', // 孤儿
] as const;
export type SensitiveCategory = (typeof sensitiveCategories)[number];

export const genders = ['M', 'F'] as const;
export type Gender = (typeof genders)[number];

export const minGrade = 1;
export const maxGrade = 6;
const chineseDigits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Mainland mobile numbers, after dropping spaces, dashes and a +86 prefix. */
export function normalisePhone(raw: string): string | null {
  const compact = raw.replace(/[\s\-()（）]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(compact) ? compact : null;
}

export const phonePattern = /^1[3-9]\d{9}$/;

function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '十') return 10;
  const m = /^(十)?([一二三四五六七八九])?$|^([一二三四五六七八九])十([一二三四五六七八九])?$/.exec(text);
  if (!m) return null;
  if (m[3]) return chineseDigits.indexOf(m[3]) * 10 + (m[4] ? chineseDigits.indexOf(m[4]) : 0);
  return (m[1] ? 10 : 0) + (m[2] ? chineseDigits.indexOf(m[2]) : 0) || null;
}

/** "3", "三", "三年级", "3年级", "Grade 3" → 3; anything outside grades 1–6 → null. */
export function parseGrade(raw: string): number | null {
  const text = raw
    .trim()
    .replace(/\s+/g, '')
    .toLowerCase()
    .replace(/^grade/, '')
    .replace(/年级$/, '');
  const n = chineseNumber(text);
  return n !== null && n >= minGrade && n <= maxGrade ? n : null;
}

/** "2", "2班", "(2)班", "二班", "Class 2" → 2. */
export function parseClassNo(raw: string): number | null {
  const text = raw
    .trim()
    .replace(/\s+/g, '')
    .toLowerCase()
    .replace(/^class/, '')
    .replace(/[()（）]/g, '')
    .replace(/班$/, '');
  const n = chineseNumber(text);
  return n !== null && n >= 1 && n <= 30 ? n : null;
}

export function parseGender(raw: string): Gender | null {
  const text = raw.trim().toLowerCase();
  if (['男', 'm', 'male', '男生'].includes(text)) return 'M';
  if (['女', 'f', 'female', '女生'].includes(text)) return 'F';
  return null;
}

export function gradeLabel(grade: number, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return locale === 'en' ? `Grade ${grade}` : `${chineseDigits[grade] ?? grade}年级`;
}

export function classLabel(grade: number, classNo: number, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return locale === 'en' ? `Class ${grade}-${classNo}` : `${gradeLabel(grade)}${classNo}班`;
}

/** A name as shown in public (ENR-8, SAFE-2): 张三 → 张*, 张小明 → 张*明, 欧阳小明 → 欧**明. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** A phone as shown to staff who need only to recognise it: 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}
