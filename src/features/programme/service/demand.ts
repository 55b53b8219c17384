// Use cases for the demand survey (调查摸底, PROG-8): the class teacher records, per child of their
// own class, whether the family can collect on time and what it needs; totals per class and school.
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor, Scope } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import type { ClassDemand, DemandInput, DemandRow, DemandSummary } from '../contract';
import * as demandStore from '../demand-store';
import { addDemandCounts, type DemandNeed, demandTotals } from '../rules';
import { termOf } from './common';

type ChildRow = Awaited<ReturnType<typeof demandStore.childrenWithDemand>>[number];

function toRow(c: ChildRow): DemandRow {
  const recorded = c.responseId !== null;
  return {
    studentId: c.studentId,
    studentNo: c.studentNo,
    name: c.name,
    recorded,
    canCollectOnTime: recorded ? c.canCollectOnTime === 1 : null,
    needs: recorded ? (JSON.parse(c.needs!) as DemandNeed[]) : [],
    note: c.note ?? '',
    recordedAt: c.recordedAt,
  };
}

function totalsOf(rows: DemandRow[]) {
  return demandTotals(
    rows.map((r) => (r.recorded ? { canCollectOnTime: r.canCollectOnTime!, needs: r.needs } : null)),
  );
}

/** A class the scope does not reach answers "not found", like any record the caller may not read. */
function inScope(scope: Scope, classId: string) {
  return scope.all || scope.classIds.includes(classId);
}

export async function getClassDemand(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
  classId: string,
): Promise<ClassDemand> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'demand.read');
  const term = await termOf(ctx.db, school.id, termId);
  const schoolClass = await demandStore.findClass(ctx.db, school.id, classId);
  if (!schoolClass || !inScope(scope, schoolClass.id)) throw new AppError('NOT_FOUND');
  const items = (await demandStore.childrenWithDemand(ctx.db, school.id, term.id, [schoolClass.id])).map(
    toRow,
  );
  return {
    classId: schoolClass.id,
    grade: schoolClass.grade,
    classNo: schoolClass.classNo,
    items,
    totals: totalsOf(items),
  };
}

export async function recordDemand(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  studentId: string,
  input: DemandInput,
): Promise<DemandRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school, scope } = await accessSchool(trx, actor, schoolId, 'demand.write');
    const term = await termOf(trx, school.id, termId);
    const student = await demandStore.findStudent(trx, school.id, studentId);
    if (!student || !inScope(scope, student.classId)) throw new AppError('NOT_FOUND');
    const before = await demandStore.findResponse(trx, term.id, student.id);
    const needs = [...new Set(input.needs)];
    const at = ctx.now().toISOString();
    const id = before?.id ?? newId();
    await demandStore.upsertResponse(trx, {
      id,
      schoolId: school.id,
      termId: term.id,
      classId: student.classId,
      studentId: student.id,
      canCollectOnTime: input.canCollectOnTime,
      needs,
      note: input.note,
      by: actor.userId,
      at,
    });
    const after = { canCollectOnTime: input.canCollectOnTime, needs, note: input.note };
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'demand.record',
        'student',
        student.id,
        before
          ? {
              canCollectOnTime: before.can_collect_on_time === 1,
              needs: JSON.parse(before.needs),
              note: before.note,
            }
          : null,
        { termId: term.id, ...after },
      ),
    );
    const rows = await demandStore.childrenWithDemand(trx, school.id, term.id, [student.classId]);
    return toRow(rows.find((r) => r.studentId === student.id)!);
  });
}

/** Totals per class and over them all, for the classes the caller's scope reaches. */
export async function getDemandSummary(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<DemandSummary> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'demand.summary');
  const term = await termOf(ctx.db, school.id, termId);
  const children = await demandStore.childrenWithDemand(
    ctx.db,
    school.id,
    term.id,
    scope.all ? null : scope.classIds,
  );
  const byClass = new Map<string, { grade: number; classNo: number; rows: DemandRow[] }>();
  for (const child of children) {
    const entry = byClass.get(child.classId) ?? { grade: child.grade, classNo: child.classNo, rows: [] };
    entry.rows.push(toRow(child));
    byClass.set(child.classId, entry);
  }
  const classes = [...byClass].map(([classId, c]) => ({
    classId,
    grade: c.grade,
    classNo: c.classNo,
    totals: totalsOf(c.rows),
  }));
  return { school: addDemandCounts(classes.map((c) => c.totals)), classes };
}
