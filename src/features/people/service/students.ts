// Use cases for students: list, read, create, edit, and the sensitive categories.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import { type Actor, can } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import type {
  categoriesUpdate,
  StudentDetail,
  StudentRow,
  studentCreate,
  studentListQuery,
  studentUpdate,
} from '../contract';
import type { Gender, SensitiveCategory } from '../rules';
import * as store from '../store';

export async function listStudents(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  query: z.infer<typeof studentListQuery>,
): Promise<{ items: StudentRow[]; total: number }> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'student.read');
  const { items, total } = await store.listStudents(ctx.db, ctx.dialect, school.id, scope, {
    grade: query.grade,
    classId: query.classId,
    q: query.q,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  const rows: StudentRow[] = items.map((s) => ({ ...s, gender: s.gender as Gender }));
  if (can(actor, 'student.sensitive', school)) {
    const categories = await store.categoriesOf(
      ctx.db,
      rows.map((r) => r.id),
    );
    for (const row of rows) row.categories = (categories.get(row.id) ?? []) as SensitiveCategory[];
  }
  return { items: rows, total };
}

export async function getStudent(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  studentId: string,
): Promise<StudentDetail> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'student.read');
  const student = await store.findStudent(ctx.db, school.id, studentId, scope);
  if (!student) throw new AppError('NOT_FOUND');
  const canSeeCategories = can(actor, 'student.sensitive', school);
  const canSeeAdults = can(actor, 'adult.read', school);
  const [guardians, adults, categories] = await Promise.all([
    store.guardiansOf(ctx.db, [student.id]),
    canSeeAdults ? store.adultsOf(ctx.db, student.id) : Promise.resolve(undefined),
    canSeeCategories ? store.categoriesOf(ctx.db, [student.id]) : Promise.resolve(undefined),
  ]);
  return {
    id: student.id,
    studentNo: student.studentNo,
    name: student.name,
    gender: student.gender as Gender,
    classId: student.classId,
    grade: student.grade,
    classNo: student.classNo,
    guardians: guardians.map((g) => ({
      id: g.id,
      name: g.name,
      relation: g.relation,
      phone: g.phone,
      isPrimary: g.isPrimary === 1,
      hasAccount: g.userId !== null,
    })),
    ...(adults ? { adults } : {}),
    ...(categories ? { categories: (categories.get(student.id) ?? []) as SensitiveCategory[] } : {}),
    canEdit: can(actor, 'student.write', school),
    canEditAdults: can(actor, 'adult.write', school),
    canSeeCategories,
  };
}

export async function createStudent(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: z.infer<typeof studentCreate>,
): Promise<StudentDetail> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const access = await accessSchool(trx, actor, schoolId, 'student.write');
    const schoolClass = await store.findClassById(trx, access.school.id, input.classId);
    if (!schoolClass) throw new AppError('NOT_FOUND');
    if (await store.findStudentByNo(trx, access.school.id, input.studentNo)) {
      throw new AppError('STUDENT_NO_TAKEN', { studentNo: input.studentNo });
    }
    const at = ctx.now().toISOString();
    const row = {
      id: newId(),
      school_id: access.school.id,
      class_id: schoolClass.id,
      student_no: input.studentNo,
      name: input.name,
      gender: input.gender,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('students').values(row).execute();
    const audit = auditor(ctx, actor, meta, access.school);
    await writeAudit(trx, audit('student.create', 'student', row.id, null, input));
    return row.id;
  });
  return getStudent(ctx, actor, schoolId, id);
}

export async function updateStudent(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  studentId: string,
  input: z.infer<typeof studentUpdate>,
): Promise<StudentDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessSchool(trx, actor, schoolId, 'student.write');
    const before = await store.findStudent(trx, access.school.id, studentId, access.scope);
    if (!before) throw new AppError('NOT_FOUND');
    if (input.classId && !(await store.findClassById(trx, access.school.id, input.classId))) {
      throw new AppError('NOT_FOUND');
    }
    const changes: Record<string, string> = {};
    const was: Record<string, string> = {};
    if (input.name !== undefined && input.name !== before.name) {
      changes.name = input.name;
      was.name = before.name;
    }
    if (input.gender !== undefined && input.gender !== before.gender) {
      changes.gender = input.gender;
      was.gender = before.gender;
    }
    if (input.classId !== undefined && input.classId !== before.classId) {
      changes.class_id = input.classId;
      was.class_id = before.classId;
    }
    if (Object.keys(changes).length === 0) return;
    await trx
      .updateTable('students')
      .set({ ...changes, updated_at: ctx.now().toISOString() })
      .where('id', '=', studentId)
      .execute();
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, access.school)('student.update', 'student', studentId, was, changes),
    );
  });
  return getStudent(ctx, actor, schoolId, studentId);
}

export async function setCategories(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  studentId: string,
  input: z.infer<typeof categoriesUpdate>,
): Promise<StudentDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessSchool(trx, actor, schoolId, 'student.sensitive');
    const student = await store.findStudent(trx, access.school.id, studentId, access.scope);
    if (!student) throw new AppError('NOT_FOUND');
    const current = (await store.categoriesOf(trx, [studentId])).get(studentId) ?? [];
    const wanted = [...new Set(input.categories)].sort();
    const added = wanted.filter((c) => !current.includes(c));
    const removed = current.filter((c) => !wanted.includes(c as SensitiveCategory));
    if (added.length === 0 && removed.length === 0) return;
    if (removed.length) {
      await trx
        .deleteFrom('student_categories')
        .where('student_id', '=', studentId)
        .where('category', 'in', removed)
        .execute();
    }
    const at = ctx.now().toISOString();
    if (added.length) {
      await trx
        .insertInto('student_categories')
        .values(added.map((category) => ({ student_id: studentId, category, created_at: at })))
        .execute();
    }
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, access.school)(
        'student.categories',
        'student',
        studentId,
        { categories: current },
        { categories: wanted },
      ),
    );
  });
  return getStudent(ctx, actor, schoolId, studentId);
}
