import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors';
import { type Actor, authorize, can, policies } from './policies';

const school = { id: 'S1', districtId: 'D1' };
const actor = (grants: Actor['grants']): Actor => ({
  userId: 'U1',
  displayName: 'x',
  locale: 'zh-CN',
  grants,
});
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'allowed';
  } catch (e) {
    return (e as AppError).code;
  }
};

describe('policy table', () => {
  it('gives a school admin the whole school', () => {
    expect(
      authorize(
        actor([{ role: 'school_admin', districtId: 'D1', schoolId: 'S1', classId: null }]),
        'student.read',
        school,
      ),
    ).toEqual({ all: true });
  });

  it('gives a class teacher their class, and a teacher who is also a parent both', () => {
    const both = actor([
      { role: 'class_teacher', districtId: 'D1', schoolId: 'S1', classId: 'C1' },
      { role: 'parent', districtId: 'D1', schoolId: 'S1', classId: null },
    ]);
    expect(authorize(both, 'student.read', school)).toEqual({ all: false, classIds: ['C1'], familyOf: 'U1' });
  });

  it('answers "not found" for another school and "forbidden" for a role without the action', () => {
    const other = actor([{ role: 'school_admin', districtId: 'D1', schoolId: 'S2', classId: null }]);
    expect(codeOf(() => authorize(other, 'student.read', school))).toBe('NOT_FOUND');
    const guard = actor([{ role: 'guard', districtId: 'D1', schoolId: 'S1', classId: null }]);
    expect(codeOf(() => authorize(guard, 'student.read', school))).toBe('FORBIDDEN');
  });

  it('reaches a district officer’s schools only within their district, and never the children', () => {
    const officer = actor([{ role: 'district_officer', districtId: 'D1', schoolId: null, classId: null }]);
    expect(can(officer, 'district.read', school)).toBe(true);
    expect(can(officer, 'student.read', school)).toBe(false);
    expect(codeOf(() => authorize(officer, 'district.read', { id: 'S9', districtId: 'D2' }))).toBe(
      'NOT_FOUND',
    );
  });

  it('keeps sensitive categories to admin and finance (ENR-4, FEE-6)', () => {
    expect(Object.keys(policies['student.sensitive']).sort()).toEqual(['finance', 'school_admin']);
  });
});
