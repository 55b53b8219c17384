// The roster sheet (花名册) as schools keep it in Excel: finding the columns by loosely matched
// header names, and checking each row. Pure: takes cell text, returns rows or problems.
import { type Gender, normalisePhone, parseClassNo, parseGender, parseGrade } from './rules';

export const rosterFields = [
  'grade',
  'classNo',
  'name',
  'gender',
  'studentNo',
  'guardianName',
  'relation',
  'phone',
] as const;
export type RosterField = (typeof rosterFields)[number];

/** The header each column has in the sheet we export, in this order (年级 班级 姓名 性别 学号 家长姓名 关系 手机号). */
export const rosterHeaders: Record<RosterField, string> = {
  grade: '年级',
  classNo: '班级',
  name: '姓名',
  gender: '性别',
  studentNo: '学号',
  guardianName: '家长姓名',
  relation: '关系',
  phone: '手机号',
};

// Checked in this order, so "家长手机号" is a phone column and "学生姓名" a name column.
const headerWords: [RosterField, string[]][] = [
  ['phone', ['手机号', '手机', '电话', '联系方式', 'phone', 'mobile', 'tel']],
  ['relation', ['关系', 'relation', 'relationship']],
  ['guardianName', ['家长', '监护人', '父亲', '母亲', 'guardian', 'parent']],
  ['studentNo', ['学号', '学籍号', '编号', 'studentno', 'studentnumber', 'studentid', 'number']],
  ['gender', ['性别', 'gender', 'sex']],
  ['grade', ['年级', 'grade']],
  ['classNo', ['班级', '班别', 'class']],
  ['name', ['姓名', '名字', 'name']],
];

export function normaliseHeader(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/[\s_\-.:：*＊、/]/g, '');
}

/** Maps column positions to fields; the first column matching a field wins, the rest are ignored. */
export function matchHeaders(headers: string[]): Map<RosterField, number> {
  const found = new Map<RosterField, number>();
  headers.forEach((raw, index) => {
    const header = normaliseHeader(raw);
    if (!header) return;
    for (const [field, words] of headerWords) {
      if (words.some((w) => header.includes(w))) {
        if (!found.has(field)) found.set(field, index);
        return;
      }
    }
  });
  return found;
}

export const requiredFields: RosterField[] = [
  'grade',
  'classNo',
  'name',
  'gender',
  'studentNo',
  'guardianName',
  'phone',
];

export function missingFields(found: Map<RosterField, number>): RosterField[] {
  return requiredFields.filter((f) => !found.has(f));
}

export interface RosterRow {
  row: number;
  grade: number;
  classNo: number;
  name: string;
  gender: Gender;
  studentNo: string;
  guardianName: string;
  relation: string;
  phone: string;
}

export type RowProblemCode =
  | 'required'
  | 'grade_unknown'
  | 'class_unknown'
  | 'gender_unknown'
  | 'phone_malformed'
  | 'student_no_duplicate'
  | 'student_no_malformed'
  | 'phone_other_guardian'
  | 'phone_existing_guardian'
  | 'too_long';

export interface RowProblem {
  row: number;
  field: RosterField;
  code: RowProblemCode;
  value: string;
  /** The other row involved, for duplicates. */
  otherRow?: number;
  /** The guardian already registered with this phone, when the row names someone else. */
  otherName?: string;
}

const maxLength: Partial<Record<RosterField, number>> = {
  name: 30,
  guardianName: 30,
  relation: 10,
  studentNo: 32,
};

/**
 * Checks every row and the rows against each other. Returns clean rows only when there is no
 * problem at all: a roster is written whole or not at all.
 */
export function checkRosterRows(rows: { row: number; cells: Record<RosterField, string> }[]): {
  rows: RosterRow[];
  problems: RowProblem[];
} {
  const problems: RowProblem[] = [];
  const clean: RosterRow[] = [];
  const seenNo = new Map<string, number>();
  const guardianByPhone = new Map<string, { name: string; row: number }>();

  for (const { row, cells } of rows) {
    const before = problems.length;
    const problem = (field: RosterField, code: RowProblemCode, otherRow?: number) =>
      problems.push({ row, field, code, value: cells[field], ...(otherRow ? { otherRow } : {}) });

    for (const field of requiredFields) if (!cells[field]) problem(field, 'required');
    for (const [field, max] of Object.entries(maxLength) as [RosterField, number][]) {
      if (cells[field].length > max) problem(field, 'too_long');
    }
    const grade = cells.grade ? parseGrade(cells.grade) : null;
    if (cells.grade && grade === null) problem('grade', 'grade_unknown');
    const classNo = cells.classNo ? parseClassNo(cells.classNo) : null;
    if (cells.classNo && classNo === null) problem('classNo', 'class_unknown');
    const gender = cells.gender ? parseGender(cells.gender) : null;
    if (cells.gender && gender === null) problem('gender', 'gender_unknown');
    const phone = cells.phone ? normalisePhone(cells.phone) : null;
    if (cells.phone && phone === null) problem('phone', 'phone_malformed');
    const studentNo = cells.studentNo;
    if (studentNo && !/^[0-9A-Za-z-]+$/.test(studentNo)) problem('studentNo', 'student_no_malformed');
    if (studentNo) {
      const first = seenNo.get(studentNo);
      if (first !== undefined) problem('studentNo', 'student_no_duplicate', first);
      else seenNo.set(studentNo, row);
    }
    if (phone && cells.guardianName) {
      const known = guardianByPhone.get(phone);
      if (known && known.name !== cells.guardianName) problem('phone', 'phone_other_guardian', known.row);
      else if (!known) guardianByPhone.set(phone, { name: cells.guardianName, row });
    }
    if (problems.length === before) {
      clean.push({
        row,
        grade: grade!,
        classNo: classNo!,
        name: cells.name,
        gender: gender!,
        studentNo,
        guardianName: cells.guardianName,
        relation: cells.relation || '家长',
        phone: phone!,
      });
    }
  }
  return { rows: problems.length ? [] : clean, problems };
}

const problemText: Record<RowProblemCode, { zh: string; en: string }> = {
  required: { zh: '{field}不能为空', en: '{field} is empty' },
  grade_unknown: {
    zh: '年级“{value}”无法识别，应为 1–6 年级',
    en: 'Grade "{value}" is not one of grades 1–6',
  },
  class_unknown: { zh: '班级“{value}”无法识别', en: 'Class "{value}" is not recognised' },
  gender_unknown: { zh: '性别“{value}”应为男或女', en: 'Gender "{value}" should be 男 (M) or 女 (F)' },
  phone_malformed: { zh: '手机号“{value}”格式不正确', en: 'Phone "{value}" is not a valid mobile number' },
  student_no_duplicate: {
    zh: '学号“{value}”与第 {otherRow} 行重复',
    en: 'Student number "{value}" repeats row {otherRow}',
  },
  student_no_malformed: {
    zh: '学号“{value}”只能包含数字、字母和连字符',
    en: 'Student number "{value}" may hold only digits, letters and hyphens',
  },
  phone_other_guardian: {
    zh: '手机号“{value}”在第 {otherRow} 行属于另一位家长',
    en: 'Phone "{value}" belongs to a different guardian on row {otherRow}',
  },
  phone_existing_guardian: {
    zh: '手机号“{value}”已登记为家长“{otherName}”，与本行的家长姓名不符',
    en: 'Phone "{value}" is registered to the guardian "{otherName}", not the name on this row',
  },
  too_long: { zh: '{field}过长', en: '{field} is too long' },
};

const fieldNamesEn: Record<RosterField, string> = {
  grade: 'Grade',
  classNo: 'Class',
  name: 'Name',
  gender: 'Gender',
  studentNo: 'Student number',
  guardianName: 'Guardian name',
  relation: 'Relation',
  phone: 'Phone',
};

export function fieldLabel(field: RosterField, locale: 'zh-CN' | 'en'): string {
  return locale === 'en' ? fieldNamesEn[field] : rosterHeaders[field];
}

export function describeProblem(p: RowProblem, locale: 'zh-CN' | 'en'): string {
  const text = problemText[p.code][locale === 'en' ? 'en' : 'zh'];
  return text
    .replace('{field}', fieldLabel(p.field, locale))
    .replace('{value}', p.value)
    .replace('{otherRow}', String(p.otherRow ?? ''))
    .replace('{otherName}', p.otherName ?? '');
}
