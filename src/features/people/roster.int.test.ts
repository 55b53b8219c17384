// Roster import and export through the HTTP layer, on both databases.
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases, type Harness } from '../../../test/db-matrix';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';
import { multipart, readWorkbook, workbook } from '../../../test/xlsx';

const headers = ['年级', '班级', '姓名', '性别', '学号', '家长姓名', '关系', '手机号'];
const goodRows = [
  ['三年级', '1班', '周小明', '男', 'R001', '周大明', '父亲', '13811110001'],
  ['3', '1', '吴小红', '女', 'R002', '吴大红', '母亲', '138-1111-0002'],
  ['3', '2', '郑小军', '男', 'R003', '郑大军', '父亲', '13811110003'],
  ['3', '2', '郑小兰', '女', 'R004', '郑大军', '父亲', '13811110003'],
];

async function counts(h: Harness) {
  const count = async (table: 'students' | 'guardians' | 'users' | 'audit_log' | 'student_guardians') =>
    Number(
      (
        await h.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    students: await count('students'),
    guardians: await count('guardians'),
    users: await count('users'),
    links: await count('student_guardians'),
    audit: await count('audit_log'),
  };
}

describeBothDatabases('roster import and export', (h) => {
  let w: World;
  let admin: Client;
  const upload = (client: Client, file: Buffer, query = '', filename?: string) => {
    const { payload, contentType } = multipart(file, filename);
    return h().app.inject({
      method: 'POST',
      url: `/api/v1/schools/${w.schoolA}/roster/import${query}`,
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': contentType },
      payload,
    });
  };

  beforeAll(async () => {
    w = await seedWorld(h());
    admin = await signIn(h(), 'admin');
  });

  it('reports every bad row in the user’s language and writes nothing', async () => {
    const before = await counts(h());
    const file = await workbook(headers, [
      ...goodRows,
      ['3', '1', '', '男', 'R005', '某家长', '父亲', '13811110005'],
      ['3', '1', '王五', '男', 'R006', '王家长', '父亲', '12345'],
      ['七年级', '1', '李四', '男', 'R007', '李家长', '父亲', '13811110007'],
      ['3', '1', '赵六', '男', 'R001', '赵家长', '父亲', '13811110008'],
    ]);
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('ROSTER_INVALID');
    expect(body.message).toBe('有 4 行存在问题，未导入任何数据');
    const problems = body.details.problems as { row: number; field: string; code: string; message: string }[];
    expect(problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [6, 'name', 'required'],
      [7, 'phone', 'phone_malformed'],
      [8, 'grade', 'grade_unknown'],
      [9, 'studentNo', 'student_no_duplicate'],
    ]);
    expect(problems[1]!.message).toBe('手机号“12345”格式不正确');
    expect(problems[3]!.message).toBe('学号“R001”与第 2 行重复');
    expect(await counts(h())).toEqual(before);

    const form = multipart(file);
    const en = await h().app.inject({
      method: 'POST',
      url: `/api/v1/schools/${w.schoolA}/roster/import`,
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrf,
        'accept-language': 'en',
        'content-type': form.contentType,
      },
      payload: form.payload,
    });
    expect(en.json().message).toBe('4 rows have problems; nothing was imported');
    expect(en.json().details.problems[1].message).toBe('Phone "12345" is not a valid mobile number');
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const before = await counts(h());
    const res = await upload(admin, await workbook(headers, goodRows), '?dryRun=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      dryRun: true,
      rows: 4,
      studentsCreated: 4,
      guardiansCreated: 3,
      classesCreated: 2,
    });
    expect(await counts(h())).toEqual(before);
  });

  it('a clean file is written whole, with parent accounts and audit rows; the same file again changes nothing', async () => {
    const before = await counts(h());
    const file = await workbook(headers, goodRows);
    const first = await upload(admin, file);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      dryRun: false,
      studentsCreated: 4,
      guardiansCreated: 3,
      accountsCreated: 3,
      classesCreated: 2,
    });
    const after = await counts(h());
    expect(after.students - before.students).toBe(4);
    expect(after.guardians - before.guardians).toBe(3);
    expect(after.links - before.links).toBe(4);
    expect(after.audit).toBeGreaterThan(before.audit);
    const phone = await h()
      .ctx.db.selectFrom('guardians')
      .select(['phone', 'user_id'])
      .where('name', '=', '吴大红')
      .executeTakeFirstOrThrow();
    expect(phone.phone).toBe('13811110002');
    expect(phone.user_id).not.toBeNull();

    const again = await upload(admin, file);
    expect(again.json()).toMatchObject({
      studentsCreated: 0,
      studentsUpdated: 0,
      studentsUnchanged: 4,
      guardiansCreated: 0,
      accountsCreated: 0,
    });
    expect(await counts(h())).toEqual(after);
  });

  it('matches headers loosely, in any order, ignoring extra columns and a title row', async () => {
    const file = await workbook(
      ['备注', '学生姓名', '学号', '性别', '班级', '年级', '家长手机号', '监护人姓名', '与学生关系'],
      [['插班', '钱小多', 'R010', '女', '(2)班', '3', '13811110010', '钱大多', '母亲']],
      '测试一小 三年级花名册',
    );
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(200);
    expect(res.json().studentsCreated).toBe(1);
    const list = (await admin.get(`/api/v1/schools/${w.schoolA}/students?q=R010`)).json();
    expect(list.items[0]).toMatchObject({ name: '钱小多', grade: 3, classNo: 2, gender: 'F' });
  });

  it('an update in the sheet is applied and audited with before and after', async () => {
    const rows = goodRows.map((r) => [...r]);
    rows[0]![2] = '周晓明';
    const res = await upload(admin, await workbook(headers, rows));
    expect(res.json()).toMatchObject({ studentsUpdated: 1, studentsUnchanged: 3 });
    const audit = (await admin.get(`/api/v1/schools/${w.schoolA}/audit?entity=student`)).json();
    const update = audit.items.find((r: { action: string }) => r.action === 'student.update');
    expect(update.before.name).toBe('周小明');
    expect(update.after.name).toBe('周晓明');
  });

  it('refuses a file that is not xlsx, an empty sheet, and missing columns', async () => {
    const notXlsx = await upload(admin, Buffer.from('年级,班级,姓名\n3,1,张三\n'), '', 'roster.csv');
    expect(notXlsx.statusCode).toBe(422);
    expect(notXlsx.json().code).toBe('ROSTER_NOT_XLSX');
    const fakeZip = await upload(admin, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(fakeZip.json().code).toBe('ROSTER_NOT_XLSX');
    const empty = await upload(admin, await workbook(headers, []));
    expect(empty.statusCode).toBe(422);
    expect(empty.json().code).toBe('ROSTER_EMPTY');
    const missing = await upload(admin, await workbook(['年级', '班级', '姓名'], [['3', '1', '张三']]));
    expect(missing.json().code).toBe('ROSTER_MISSING_COLUMNS');
    expect(missing.json().message).toContain('手机号');
  });

  it('only school admins import; a class teacher exports only their class', async () => {
    const teacher = await signIn(h(), 'teacher');
    expect((await upload(teacher, await workbook(headers, goodRows))).statusCode).toBe(403);
    const res = await teacher.get(`/api/v1/schools/${w.schoolA}/roster/export`);
    expect(res.statusCode).toBe(200);
    const rows = await readWorkbook(res.rawPayload);
    const own = (await teacher.get(`/api/v1/schools/${w.schoolA}/students?pageSize=200`)).json();
    expect(rows.length - 1).toBe(own.total);
  });

  it('the printable roster lists each student with all guardians, within the caller’s reach', async () => {
    const teacher = await signIn(h(), 'teacher');
    const own = (await teacher.get(`/api/v1/schools/${w.schoolA}/roster`)).json().items;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((s: { classId: string }) => s.classId === w.classA11)).toBe(true);
    const zheng = (await admin.get(`/api/v1/schools/${w.schoolA}/roster?grade=3`)).json().items;
    expect(zheng.find((s: { studentNo: string }) => s.studentNo === 'R004').guardians).toEqual([
      { name: '郑大军', relation: '父亲', phone: '13811110003' },
    ]);
    const parent = await signIn(h(), w.parentPhone);
    expect((await parent.get(`/api/v1/schools/${w.schoolA}/roster`)).statusCode).toBe(403);
  });

  it('exports the same columns, and the export imports back with no change', async () => {
    const res = await admin.get(`/api/v1/schools/${w.schoolA}/roster/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readWorkbook(res.rawPayload);
    expect(rows[0]).toEqual(headers);
    const zhou = rows.find((r) => r[4] === 'R001');
    expect(zhou).toEqual(['3', '1', '周晓明', '男', 'R001', '周大明', '父亲', '13811110001']);
    const back = await upload(admin, res.rawPayload);
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ studentsCreated: 0, studentsUpdated: 0, guardiansCreated: 0 });
    const audit = (await admin.get(`/api/v1/schools/${w.schoolA}/audit?entity=school`)).json();
    expect(audit.items.some((r: { action: string }) => r.action === 'roster.export')).toBe(true);
  });
});
