// The `kehou` command on both databases, run as a newcomer would: create-admin, import-students,
// backup and restore; and the server's graceful shutdown, which finishes a request in flight.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from './db-matrix';
import { seedWorld } from './fixtures';
import { multipart, workbook } from './xlsx';

const run = promisify(execFile);
const bin = path.resolve('bin/kehou.js');
const headers = ['年级', '班级', '姓名', '性别', '学号', '家长姓名', '关系', '手机号'];

describeBothDatabases('kehou command', (h) => {
  let env: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(async () => {
    await seedWorld(h());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-cli-'));
    env = {
      ...process.env,
      KEHOU_DATA_DIR: h().ctx.config.dataDir,
      DATABASE_URL: h().ctx.config.databaseUrl ?? '',
      KEHOU_LOG_LEVEL: 'warn',
      KEHOU_DEMO: '0',
    };
  });
  const kehou = (...args: string[]) => run(process.execPath, [bin, ...args], { env, timeout: 60_000 });

  it('create-admin makes a school and its first administrator, who can sign in', async () => {
    const out = await kehou(
      'create-admin',
      '--school',
      'NEW-1',
      '--school-name',
      '新建小学',
      '--username',
      'firstadmin',
      '--name',
      '第一任管理员',
      '--password',
      'Admin2026x',
    );
    expect(out.stdout).toContain('firstadmin');
    const res = await h().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-csrf-token': 'x' },
      payload: { account: 'firstadmin', password: 'Admin2026x' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().schools[0]).toMatchObject({ code: 'NEW-1', name: '新建小学', roles: ['school_admin'] });
    await expect(
      kehou('create-admin', '--school', 'NEW-1', '--username', 'x2', '--name', 'x', '--password', 'short'),
    ).rejects.toThrow();
  });

  it('import-students reports bad rows and writes nothing, then imports a clean file', async () => {
    const bad = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(
      bad,
      await workbook(headers, [['1', '1', '', '男', 'C1', '家长', '父亲', '13700009999']]),
    );
    const failed = await kehou('import-students', bad, '--school', 'NEW-1').catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('第 2 行: 姓名不能为空');
    const good = path.join(dir, 'good.xlsx');
    fs.writeFileSync(
      good,
      await workbook(headers, [['1', '1', '孙小圣', '男', 'C1', '孙大圣', '父亲', '13700009999']]),
    );
    const ok = await kehou('import-students', good, '--school', 'NEW-1');
    expect(JSON.parse(ok.stdout)).toMatchObject({ studentsCreated: 1, accountsCreated: 1 });
  });

  it('backup and restore bring back exactly what was there', async () => {
    const file = path.join(dir, 'snapshot.jsonl.gz');
    expect((await kehou('backup', file)).stdout).toContain('backup written');
    await h().ctx.db.updateTable('students').set({ name: '被改掉' }).where('student_no', '=', 'C1').execute();
    expect((await kehou('restore', file)).stdout).toContain('restored');
    const student = await h()
      .ctx.db.selectFrom('students')
      .select('name')
      .where('student_no', '=', 'C1')
      .executeTakeFirstOrThrow();
    expect(student.name).toBe('孙小圣');
  });
});

it('on SIGTERM the server finishes the request in flight, then exits cleanly', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-stop-'));
  const port = String(3400 + Math.floor(Math.random() * 500));
  const env = {
    ...process.env,
    KEHOU_DATA_DIR: dir,
    PORT: port,
    KEHOU_LOG_LEVEL: 'warn',
    KEHOU_DEMO: '0',
    DATABASE_URL: '',
  };
  await run(
    process.execPath,
    [
      bin,
      'create-admin',
      '--school',
      'S-1',
      '--school-name',
      '关机测试小学',
      '--username',
      'boss',
      '--name',
      '校长',
      '--password',
      'Admin2026x',
    ],
    { env },
  );
  const server: ChildProcess = spawn(process.execPath, [bin, 'start'], { env, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 100; i++) {
      const up = await fetch(`${base}/api/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (up) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'x' },
      body: JSON.stringify({ account: 'boss', password: 'Admin2026x' }),
    });
    const me = await login.json();
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const rows = Array.from({ length: 1500 }, (_, i) => [
      String((i % 6) + 1),
      '1',
      `学生${i}`,
      '女',
      `G${i}`,
      `家长${i}`,
      '母亲',
      `1360000${String(i).padStart(4, '0')}`,
    ]);
    const form = multipart(await workbook(headers, rows));
    const inFlight = fetch(`${base}/api/v1/schools/${me.schools[0].id}/roster/import`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': form.contentType },
      body: new Uint8Array(form.payload),
    });
    await new Promise((r) => setTimeout(r, 150));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await response.json()).studentsCreated).toBe(1500);
    expect(await exited).toBe(0);
  } finally {
    server.kill('SIGKILL');
  }
}, 60_000);
