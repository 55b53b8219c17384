// Roster import and export (花名册). An import is checked whole first; a file with any bad row
// writes nothing, a clean file is written in one transaction, and importing it again changes nothing.

import { chunks, insertInChunks } from '../../../db/batch';
import type { DB } from '../../../db/schema';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor, Scope } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type AuditEntry, writeAudit } from '../../audit/store';
import type { RosterEntry, RosterImportResult, RosterProblem } from '../contract';
import {
  checkRosterRows,
  describeProblem,
  type RosterField,
  type RosterRow,
  type RowProblem,
} from '../roster';
import { classLabel, type Gender } from '../rules';
import * as store from '../store';
import { readRoster, writeRoster } from '../xlsx';

function invalidRoster(problems: RowProblem[], meta: RequestMeta): AppError {
  const report: RosterProblem[] = problems.map((p) => ({
    row: p.row,
    field: p.field,
    value: p.value,
    code: p.code,
    message: describeProblem(p, meta.locale),
  }));
  return new AppError(
    'ROSTER_INVALID',
    { count: new Set(problems.map((p) => p.row)).size },
    { problems: report },
  );
}

export async function importRoster(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  file: Buffer,
  dryRun: boolean,
): Promise<RosterImportResult> {
  // Check access before reading the file, so a stranger learns nothing from the parse.
  await accessSchool(ctx.db, actor, schoolId, 'roster.import');
  const sheet = await readRoster(file);
  const { rows, problems } = checkRosterRows(sheet.rows);
  if (problems.length) throw invalidRoster(problems, meta);
  return ctx.db.transaction().execute((trx) => applyRoster(ctx, trx, actor, meta, schoolId, rows, dryRun));
}

async function applyRoster(
  ctx: AppContext,
  trx: Executor,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  rows: RosterRow[],
  dryRun: boolean,
): Promise<RosterImportResult> {
  const { school } = await accessSchool(trx, actor, schoolId, 'roster.import');
  const at = ctx.now().toISOString();
  const audit = auditor(ctx, actor, meta, school);
  const entries: AuditEntry[] = [];
  const result: RosterImportResult = {
    dryRun,
    rows: rows.length,
    studentsCreated: 0,
    studentsUpdated: 0,
    studentsUnchanged: 0,
    guardiansCreated: 0,
    accountsCreated: 0,
    classesCreated: 0,
  };

  const classes = new Map(
    (await store.allClasses(trx, school.id)).map((c) => [`${c.grade}-${c.classNo}`, c.id]),
  );
  const students = new Map(
    (
      await trx
        .selectFrom('students')
        .select(['id', 'student_no', 'name', 'gender', 'class_id'])
        .where('school_id', '=', school.id)
        .execute()
    ).map((s) => [s.student_no, s]),
  );
  const guardians = new Map(
    (await trx.selectFrom('guardians').selectAll().where('school_id', '=', school.id).execute()).map((g) => [
      g.phone,
      g,
    ]),
  );
  const links = new Map<string, { guardian_id: string; relation: string; is_primary: number }[]>();
  for (const l of await trx
    .selectFrom('student_guardians')
    .innerJoin('students', 'students.id', 'student_guardians.student_id')
    .select(['student_guardians.student_id', 'guardian_id', 'relation', 'is_primary'])
    .where('students.school_id', '=', school.id)
    .execute()) {
    links.set(l.student_id, [...(links.get(l.student_id) ?? []), l]);
  }

  const conflicts: RowProblem[] = [];
  const newClasses: DB['classes'][] = [];
  const newStudents: DB['students'][] = [];
  const newGuardians: DB['guardians'][] = [];
  const newLinks: DB['student_guardians'][] = [];
  const updates: (() => Promise<unknown>)[] = [];

  for (const row of rows) {
    const classKey = `${row.grade}-${row.classNo}`;
    let classId = classes.get(classKey);
    if (!classId) {
      classId = newId();
      classes.set(classKey, classId);
      newClasses.push({
        id: classId,
        school_id: school.id,
        grade: row.grade,
        class_no: row.classNo,
        created_at: at,
      });
      entries.push(audit('class.create', 'class', classId, null, { grade: row.grade, classNo: row.classNo }));
    }

    let student = students.get(row.studentNo);
    if (!student) {
      student = {
        id: newId(),
        student_no: row.studentNo,
        name: row.name,
        gender: row.gender,
        class_id: classId,
      };
      students.set(row.studentNo, student);
      newStudents.push({ ...student, school_id: school.id, created_at: at, updated_at: at });
      entries.push(
        audit('student.create', 'student', student.id, null, {
          studentNo: row.studentNo,
          name: row.name,
          gender: row.gender,
          class: classLabel(row.grade, row.classNo),
        }),
      );
      result.studentsCreated++;
    } else if (student.name !== row.name || student.gender !== row.gender || student.class_id !== classId) {
      const before = { name: student.name, gender: student.gender, class_id: student.class_id };
      const after = { name: row.name, gender: row.gender, class_id: classId };
      const id = student.id;
      updates.push(() =>
        trx
          .updateTable('students')
          .set({ ...after, updated_at: at })
          .where('id', '=', id)
          .execute(),
      );
      entries.push(audit('student.update', 'student', id, before, after));
      Object.assign(student, after);
      result.studentsUpdated++;
    } else {
      result.studentsUnchanged++;
    }

    let guardian = guardians.get(row.phone);
    if (!guardian) {
      guardian = {
        id: newId(),
        school_id: school.id,
        name: row.guardianName,
        phone: row.phone,
        user_id: null,
        created_at: at,
        updated_at: at,
      };
      guardians.set(row.phone, guardian);
      newGuardians.push(guardian);
      entries.push(
        audit('guardian.create', 'guardian', guardian.id, null, { name: row.guardianName, phone: row.phone }),
      );
      result.guardiansCreated++;
    } else if (guardian.name !== row.guardianName) {
      // The phone is a login: linking it to a child under another name would hand that child to
      // whoever holds the phone. Correct the sheet, or the guardian, first.
      conflicts.push({
        row: row.row,
        field: 'phone',
        code: 'phone_existing_guardian',
        value: row.phone,
        otherName: guardian.name,
      });
      continue;
    }

    const studentLinks = links.get(student.id) ?? [];
    const link = studentLinks.find((l) => l.guardian_id === guardian.id);
    if (!link) {
      const created = {
        guardian_id: guardian.id,
        relation: row.relation,
        is_primary: studentLinks.length ? 0 : 1,
      };
      links.set(student.id, [...studentLinks, created]);
      newLinks.push({ student_id: student.id, ...created, created_at: at });
      entries.push(
        audit('guardian.link', 'student', student.id, null, {
          guardianId: guardian.id,
          relation: row.relation,
        }),
      );
    } else if (link.relation !== row.relation) {
      const sid = student.id;
      const gid = guardian.id;
      const relation = row.relation;
      updates.push(() =>
        trx
          .updateTable('student_guardians')
          .set({ relation })
          .where('student_id', '=', sid)
          .where('guardian_id', '=', gid)
          .execute(),
      );
      entries.push(audit('guardian.link.update', 'student', sid, { relation: link.relation }, { relation }));
      link.relation = relation;
    }
  }

  if (conflicts.length) throw invalidRoster(conflicts, meta);

  // Parent accounts: one per guardian phone, found by phone or made without a password.
  const phones = [...new Set(rows.map((r) => r.phone))];
  const users = new Map<string, string>();
  for (const part of chunks(phones, 500)) {
    for (const u of await trx
      .selectFrom('users')
      .select(['id', 'phone'])
      .where('phone', 'in', part)
      .execute()) {
      users.set(u.phone!, u.id);
    }
  }
  const granted = new Set(
    (
      await trx
        .selectFrom('role_grants')
        .select('user_id')
        .where('school_id', '=', school.id)
        .where('role', '=', 'parent')
        .execute()
    ).map((g) => g.user_id),
  );
  const createdGuardianIds = new Set(newGuardians.map((g) => g.id));
  const newUsers: DB['users'][] = [];
  const newGrants: DB['role_grants'][] = [];
  for (const phone of phones) {
    const guardian = guardians.get(phone)!;
    let userId = guardian.user_id ?? users.get(phone);
    if (!userId) {
      userId = newId();
      users.set(phone, userId);
      newUsers.push(store.userRow({ id: userId, phone, displayName: guardian.name }, at));
      entries.push(audit('user.create', 'user', userId, null, { phone, displayName: guardian.name }));
      result.accountsCreated++;
    }
    if (guardian.user_id !== userId) {
      const gid = guardian.id;
      const uid = userId;
      // A guardian made by this import is inserted later with the account already on it.
      if (!createdGuardianIds.has(gid)) {
        updates.push(() =>
          trx.updateTable('guardians').set({ user_id: uid }).where('id', '=', gid).execute(),
        );
      }
      guardian.user_id = uid;
    }
    if (!granted.has(userId)) {
      granted.add(userId);
      newGrants.push(
        store.grantRow({ userId, role: 'parent', districtId: school.districtId, schoolId: school.id }, at),
      );
      entries.push(audit('role.grant', 'user', userId, null, { role: 'parent', schoolId: school.id }));
    }
  }
  result.classesCreated = newClasses.length;
  if (dryRun) return result;

  await insertInChunks(trx, 'classes', newClasses);
  await insertInChunks(trx, 'users', newUsers);
  await insertInChunks(trx, 'students', newStudents);
  await insertInChunks(trx, 'guardians', newGuardians);
  await insertInChunks(trx, 'student_guardians', newLinks);
  await insertInChunks(trx, 'role_grants', newGrants);
  for (const update of updates) await update();
  if (entries.length) {
    entries.push(audit('roster.import', 'school', school.id, null, { ...result }));
    await writeAudit(trx, entries);
  }
  return result;
}

/** The roster as printed and exported: students in class order, each with their guardians, primary first. */
export async function listRoster(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  filter: { classId?: string | undefined; grade?: number | undefined },
): Promise<RosterEntry[]> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'roster.export');
  const entries = await rosterEntries(ctx, school.id, scope, filter);
  // SAFE-2: a printed roster carries the same names and phones as an export, so it is recorded too.
  await writeAudit(
    ctx.db,
    auditor(ctx, actor, meta, school)('roster.print', 'school', school.id, null, {
      ...filter,
      rows: entries.length,
    }),
  );
  return entries;
}

async function rosterEntries(
  ctx: AppContext,
  schoolId: string,
  scope: Scope,
  filter: { classId?: string | undefined; grade?: number | undefined },
): Promise<RosterEntry[]> {
  const { items } = await store.listStudents(ctx.db, ctx.dialect, schoolId, scope, {
    ...filter,
    offset: 0,
    limit: 100_000,
  });
  const guardians = new Map<string, RosterEntry['guardians']>();
  for (const part of chunks(
    items.map((s) => s.id),
    500,
  )) {
    for (const g of await store.guardiansOf(ctx.db, part)) {
      guardians.set(g.studentId, [
        ...(guardians.get(g.studentId) ?? []),
        { name: g.name, relation: g.relation, phone: g.phone },
      ]);
    }
  }
  return items.map((s) => ({ ...s, gender: s.gender as Gender, guardians: guardians.get(s.id) ?? [] }));
}

export async function exportRoster(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  classId: string | undefined,
): Promise<{ file: Buffer; filename: string }> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'roster.export');
  const entries = await rosterEntries(ctx, school.id, scope, { classId });
  // One row per student with the primary guardian, so the file imports back unchanged.
  const rows = entries.map((s): Record<RosterField, string> => {
    const g = s.guardians[0];
    return {
      grade: String(s.grade),
      classNo: String(s.classNo),
      name: s.name,
      gender: s.gender === 'M' ? '男' : '女',
      studentNo: s.studentNo,
      guardianName: g?.name ?? '',
      relation: g?.relation ?? '',
      phone: g?.phone ?? '',
    };
  });
  // SAFE-2: exports of children's data are recorded.
  await writeAudit(
    ctx.db,
    auditor(ctx, actor, meta, school)('roster.export', 'school', school.id, null, {
      classId: classId ?? null,
      rows: rows.length,
    }),
  );
  const file = await writeRoster(rows, '花名册');
  const date = ctx.now().toISOString().slice(0, 10);
  const code = (await store.findSchool(ctx.db, school.id))?.code ?? 'school';
  return { file, filename: `${code}-roster-${date}.xlsx` };
}
