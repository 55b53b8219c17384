import { describe, expect, it } from 'vitest';
import { checkRosterRows, describeProblem, matchHeaders, missingFields, type RosterField } from './roster';

const cells = (values: Partial<Record<RosterField, string>>): Record<RosterField, string> => ({
  grade: '3',
  classNo: '1',
  name: '张三',
  gender: '男',
  studentNo: 'S1',
  guardianName: '张父',
  relation: '父亲',
  phone: '13800000001',
  ...values,
});

describe('header matching', () => {
  it('finds the exported headers in order', () => {
    const found = matchHeaders(['年级', '班级', '姓名', '性别', '学号', '家长姓名', '关系', '手机号']);
    expect(Object.fromEntries(found)).toEqual({
      grade: 0,
      classNo: 1,
      name: 2,
      gender: 3,
      studentNo: 4,
      guardianName: 5,
      relation: 6,
      phone: 7,
    });
  });

  it('matches loose names in any order and ignores extra columns', () => {
    const found = matchHeaders([
      '序号',
      '学生姓名',
      '家长手机号',
      '监护人',
      '与学生关系',
      '学籍号',
      '性 别',
      '年级（必填）',
      '班级',
      '住址',
    ]);
    expect(found.get('name')).toBe(1);
    expect(found.get('phone')).toBe(2);
    expect(found.get('guardianName')).toBe(3);
    expect(found.get('relation')).toBe(4);
    expect(found.get('studentNo')).toBe(5);
    expect(found.get('gender')).toBe(6);
    expect(found.get('grade')).toBe(7);
    expect(found.get('classNo')).toBe(8);
    expect(missingFields(found)).toEqual([]);
  });

  it('matches English headers', () => {
    const found = matchHeaders([
      'Grade',
      'Class',
      'Name',
      'Gender',
      'Student No.',
      'Parent name',
      'Relationship',
      'Mobile',
    ]);
    expect(missingFields(found)).toEqual([]);
  });

  it('names the required columns that are missing', () => {
    expect(missingFields(matchHeaders(['年级', '姓名']))).toEqual([
      'classNo',
      'gender',
      'studentNo',
      'guardianName',
      'phone',
    ]);
  });
});

describe('row checks', () => {
  it('returns clean rows with parsed values', () => {
    const { rows, problems } = checkRosterRows([
      { row: 2, cells: cells({ grade: '三年级', classNo: '2班', phone: '138 0000 0001', relation: '' }) },
    ]);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        grade: 3,
        classNo: 2,
        name: '张三',
        gender: 'M',
        studentNo: 'S1',
        guardianName: '张父',
        relation: '家长',
        phone: '13800000001',
      },
    ]);
  });

  it('reports each problem by row and field, and then returns no rows at all', () => {
    const { rows, problems } = checkRosterRows([
      { row: 2, cells: cells({}) },
      { row: 3, cells: cells({ name: '', studentNo: 'S2' }) },
      { row: 4, cells: cells({ phone: '1380000', studentNo: 'S3' }) },
      { row: 5, cells: cells({ grade: '9', studentNo: 'S4' }) },
      { row: 6, cells: cells({}) },
      { row: 7, cells: cells({ studentNo: 'S7', guardianName: '别人' }) },
    ]);
    expect(rows).toEqual([]);
    expect(problems.map((p) => [p.row, p.field, p.code, p.otherRow])).toEqual([
      [3, 'name', 'required', undefined],
      [4, 'phone', 'phone_malformed', undefined],
      [5, 'grade', 'grade_unknown', undefined],
      [6, 'studentNo', 'student_no_duplicate', 2],
      [7, 'phone', 'phone_other_guardian', 2],
    ]);
  });

  it('describes problems in both languages', () => {
    const p = {
      row: 6,
      field: 'studentNo' as const,
      code: 'student_no_duplicate' as const,
      value: 'S1',
      otherRow: 2,
    };
    expect(describeProblem(p, 'zh-CN')).toBe('学号“S1”与第 2 行重复');
    expect(describeProblem(p, 'en')).toBe('Student number "S1" repeats row 2');
    expect(describeProblem({ row: 3, field: 'name', code: 'required', value: '' }, 'zh-CN')).toBe(
      '姓名不能为空',
    );
  });
});
