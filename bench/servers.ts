// The processes under load, started by run.ts with fork(): `app` is the real server on the
// generated database; `bare` is its twin without auth, validation or Kysely, plus the ceiling
// route (one insert). Each listens on a free loopback port and tells the parent which one.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { openSqlite } from '../src/db/connect';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { contextFor } from '../src/server/main';

// The same columns, join, filter and order that store.listStudents builds for a class teacher.
const listSql = `select students.id, students.student_no as studentNo, students.name, students.gender,
  students.class_id as classId, classes.grade, classes.class_no as classNo
  from students inner join classes on classes.id = students.class_id
  where students.school_id = ? and students.class_id in (?) and students.class_id = ?
  order by classes.grade, classes.class_no, students.student_no limit ? offset ?`;

async function app(dir: string): Promise<FastifyInstance> {
  const config = { ...loadConfig({}), dataDir: dir, webDir: path.join(dir, 'no-web'), loadDemo: false };
  const ctx = contextFor(config);
  const server = await buildApp(ctx, { logger: false });
  server.addHook('onClose', () => ctx.database.close());
  return server;
}

function bare(dir: string): FastifyInstance {
  const server = Fastify({ logger: false });
  const db = openSqlite(path.join(dir, 'kehou.db'));
  const list = db.prepare(listSql);
  server.get<{ Params: { schoolId: string }; Querystring: { classId: string; pageSize: string } }>(
    '/schools/:schoolId/students',
    async (req) => {
      const { classId, pageSize } = req.query;
      const items = list.all(req.params.schoolId, classId, classId, Number(pageSize), 0);
      return { items, total: items.length };
    },
  );
  // The ceiling: a scratch file with the app's pragmas (WAL, synchronous=FULL), so each request
  // pays the same durable commit a real write would.
  fs.rmSync(path.join(dir, 'scratch.db'), { force: true });
  const scratch = openSqlite(path.join(dir, 'scratch.db'));
  scratch.exec('create table hits (id integer primary key, at text not null)');
  const insert = scratch.prepare('insert into hits (at) values (?)');
  server.post('/insert', async () => ({ id: Number(insert.run(new Date().toISOString()).lastInsertRowid) }));
  // Roll call's ceiling (bench/rollcall.ts): the same rows a save writes (the last version read, a
  // roll, its 45 marks) in one transaction, without auth, validation or Kysely.
  scratch.exec(`create table rolls (id text primary key, school_id text, temp_class_id text not null,
      date text not null, version integer not null, taken_by text, marked_at text, saved_at text,
      present_count integer, note text, unique (temp_class_id, date, version));
    create table marks (roll_call_id text not null, student_id text not null, status text not null,
      leave_request_id text, note text not null, primary key (roll_call_id, student_id))`);
  const lastVersion = scratch.prepare(
    'select max(version) as v from rolls where temp_class_id = ? and date = ?',
  );
  const insertRoll = scratch.prepare('insert into rolls values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertMark = scratch.prepare('insert into marks values (?, ?, ?, null, ?)');
  const saveRoll = scratch.transaction(
    (body: {
      tempClassId: string;
      date: string;
      markedAt: string;
      marks: { studentId: string; status: string }[];
    }) => {
      const version =
        (((lastVersion.get(body.tempClassId, body.date) as { v: number | null }).v ?? 0) as number) + 1;
      const id = randomUUID();
      const present = body.marks.filter((m) => m.status === 'present' || m.status === 'late').length;
      insertRoll.run(
        id,
        's',
        body.tempClassId,
        body.date,
        version,
        'u',
        body.markedAt,
        new Date().toISOString(),
        present,
        '',
      );
      for (const m of body.marks) insertMark.run(id, m.studentId, m.status, '');
      return { id, version };
    },
  );
  server.post<{ Body: Parameters<typeof saveRoll>[0] }>('/rollcall', async (req, reply) =>
    reply.status(201).send(saveRoll(req.body)),
  );
  server.addHook('onClose', async () => {
    db.close();
    scratch.close();
  });
  return server;
}

const [mode, dir] = process.argv.slice(2);
if (!dir || (mode !== 'app' && mode !== 'bare')) throw new Error('usage: servers.ts app|bare <data dir>');
const server = mode === 'app' ? await app(dir) : bare(dir);
await server.listen({ host: '127.0.0.1', port: 0 });
const address = server.server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
// The parent ends us with SIGTERM; close so SQLite checkpoints its WAL. If the parent dies
// without a word (Ctrl-C, a crash, SIGKILL), the IPC channel closes and we go too.
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('disconnect', stop);
