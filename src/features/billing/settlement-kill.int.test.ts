// Reliability (issue 5): a settlement process killed with `kill -9` at random moments, 100 times per
// database. A child process settles a seeded term's months through the service; the parent kills it
// with SIGKILL at a random moment of its work, then checks: SQLite's integrity check is ok; every
// settlement is wholly present or wholly absent (settlement row ⇔ its lines ⇔ its credit and
// adjustment rows); the re-run completes with no duplicate entry and the same sums as a clean run.
// On PostgreSQL the server rolls back the killed client's transaction.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { createFamilies } from '../../../test/families';
import { seedWorld } from '../../../test/fixtures';
import { seedTerm } from '../../../test/programme-fixtures';
import { ledgerSums, seedBilledTerm, weekdaysOfMonth } from '../../../test/settlement-fixtures';
import type { DB } from '../../db/schema';
import type { Actor } from '../../server/auth/policies';
import { settleMonth } from './service/settle';

const kills = Number(process.env.KILL_TIMES ?? 100);
const months = ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01'];
const now = '2027-02-10T02:00:00.000Z';
const root = path.resolve(import.meta.dirname, '../../..');
const bundle = path.join(root, 'node_modules/.cache/kehou-settle-kill/child.mjs');

// The child starts from one bundled file, so a start costs node's start and not a TypeScript load.
function buildChild() {
  fs.mkdirSync(path.dirname(bundle), { recursive: true });
  execFileSync(
    path.join(root, 'node_modules/.bin/esbuild'),
    [
      'test/settlement-fixtures.ts',
      '--bundle',
      '--platform=node',
      '--format=esm',
      // Everything but the native SQLite binding in one file: resolving kysely's and zod's many
      // modules at every start would cost more than the work the child is killed in.
      '--external:better-sqlite3',
      '--external:pg-native',
      `--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);`,
      '--log-level=warning',
      `--outfile=${bundle}`,
    ],
    { cwd: root },
  );
}

describeBothDatabases('settlement killed with kill -9 (FEE-5, FEE-11)', (h) => {
  let db: Kysely<DB>;
  let actor: Actor;
  let schoolId: string;
  let termId: string;
  let clean: { sums: Record<string, number>; lines: number; keys: number };
  let childEnv: NodeJS.ProcessEnv;

  /** Test-only: removes every settlement and its rows, so the next child starts from nothing. */
  const reset = async () => {
    await db.deleteFrom('ledger_entries').where('source_type', '=', 'settlement').execute();
    await db.deleteFrom('settlement_lines').execute();
    await db.deleteFrom('settlements').execute();
  };
  const rerun = async () => {
    for (const month of months)
      await settleMonth(h().ctx, actor, { ip: null, locale: 'zh-CN' }, schoolId, termId, month);
  };
  const snapshot = async () => ({
    sums: await ledgerSums(db, termId),
    lines: (await db.selectFrom('settlement_lines').select('id').execute()).length,
    keys: (
      await db.selectFrom('ledger_entries').select('entry_key').where('entry_key', 'is not', null).execute()
    ).length,
  });

  beforeAll(async () => {
    buildChild();
    const harness = h();
    harness.setNow('2026-09-01T02:00:00.000Z');
    db = harness.ctx.db as Kysely<DB>;
    const world = await seedWorld(harness);
    const term = await seedTerm(harness, world);
    schoolId = world.schoolA;
    termId = term.termId;
    const families = await createFamilies(db, harness.ctx, schoolId, 45, { phonePrefix: '1599' });
    const finance = await db
      .selectFrom('users')
      .innerJoin('role_grants', 'role_grants.user_id', 'users.id')
      .select(['users.id', 'users.display_name', 'role_grants.district_id'])
      .where('users.username', '=', 'finance')
      .executeTakeFirstOrThrow();
    actor = {
      userId: finance.id,
      displayName: finance.display_name,
      locale: 'zh-CN',
      grants: [{ role: 'finance', districtId: finance.district_id, schoolId, classId: null }],
    };
    const dates = { startsOn: '2026-09-01', endsOn: '2027-01-15' };
    const rollDays = months.flatMap((m) => weekdaysOfMonth(dates, m));
    // Attendance varies by child: some months below the threshold, some not.
    await seedBilledTerm(db, {
      schoolId,
      term: { id: termId, ...dates },
      sessionId: term.afternoonSessionId,
      offeringId: term.homeworkCare,
      studentIds: families.map((f) => f.studentId),
      applicantUserId: finance.id,
      takenBy: finance.id,
      rollDays,
      present: (s, d) => (s * 7 + d * 3) % 10 < 4 + (s % 7),
      at: harness.ctx.now().toISOString(),
    });
    harness.setNow(now);
    // The clean run: its sums are what every re-run must reach.
    await rerun();
    clean = await snapshot();
    expect(clean.sums.credit).toBeLessThan(0);
    await reset();
    const config = harness.ctx.config;
    childEnv = {
      ...process.env,
      KILL_CHILD: '1',
      KILL_PG_URL: harness.dialect === 'postgres' ? config.databaseUrl : '',
      KILL_SQLITE_FILE: harness.dialect === 'sqlite' ? path.join(config.dataDir, 'kehou.db') : '',
      KILL_NOW: now,
      KILL_ACTOR: JSON.stringify(actor),
      KILL_SCHOOL: schoolId,
      KILL_TERM: termId,
      KILL_MONTHS: JSON.stringify(months),
    };
  });

  /** Starts the child; resolves when it is connected, with its output so far. */
  function startChild(): Promise<{ child: ChildProcess; out: () => string; exited: Promise<number | null> }> {
    const child = spawn(process.execPath, [bundle], {
      cwd: root,
      env: childEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return new Promise((resolve, reject) => {
      child.stderr!.on('data', (d) => {
        err += String(d);
      });
      child.stdout!.on('data', (d) => {
        out += String(d);
        if (out.startsWith('ready\n')) resolve({ child, out: () => out, exited });
      });
      void exited.then((code) => reject(new Error(`child exited ${code} before ready: ${err}`)));
    });
  }

  async function checkWhole() {
    if (h().dialect === 'sqlite') {
      const sqlite = h().ctx.database.sqlite!;
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    }
    const settlements = await db
      .selectFrom('settlements')
      .selectAll()
      .where('term_id', '=', termId)
      .execute();
    const lines = await db.selectFrom('settlement_lines').select(['settlement_id', 'delta_fen']).execute();
    const rows = await db
      .selectFrom('ledger_entries')
      .select(['source_id', 'amount_fen'])
      .where('source_type', '=', 'settlement')
      .execute();
    const ids = new Set(settlements.map((s) => s.id));
    // Nothing of a settlement without its row.
    expect(lines.filter((l) => !ids.has(l.settlement_id))).toEqual([]);
    expect(rows.filter((r) => !ids.has(r.source_id))).toEqual([]);
    for (const s of settlements) {
      const mine = lines.filter((l) => l.settlement_id === s.id);
      const entries = rows.filter((r) => r.source_id === s.id);
      expect(mine).toHaveLength(Number(s.line_count));
      expect(entries).toHaveLength(mine.filter((l) => Number(l.delta_fen) !== 0).length);
      expect(entries.reduce((a, r) => a + Number(r.amount_fen), 0)).toBe(
        -(Number(s.refund_fen) + Number(s.adjustment_fen)),
      );
    }
    return settlements.length;
  }

  it(`survives ${kills} kills at random moments: whole or absent, and the re-run matches a clean run`, async () => {
    // One uninterrupted child run: it completes, and says how long its work takes.
    const first = await startChild();
    const started = performance.now();
    first.child.stdin!.write('go\n');
    expect(await first.exited).toBe(0);
    const workMs = performance.now() - started;
    expect(first.out()).toContain('settled 2027-01');
    expect(await snapshot()).toEqual(clean);
    await reset();

    const settledAtKill: number[] = [];
    // The next children start (and connect) while the current one is checked, so starts overlap.
    const ready = [startChild(), startChild()];
    for (let i = 0; i < kills; i++) {
      const { child, exited } = await ready.shift()!;
      child.stdin!.write('go\n');
      await new Promise((r) => setTimeout(r, Math.random() * workMs));
      child.kill('SIGKILL');
      await exited;
      if (i + 2 < kills) ready.push(startChild());
      settledAtKill.push(await checkWhole());
      // The re-run finishes what the killed run left, writing nothing twice.
      await rerun();
      await checkWhole();
      expect(await snapshot()).toEqual(clean);
      const duplicates = await db
        .selectFrom('ledger_entries')
        .select('entry_key')
        .where('entry_key', 'is not', null)
        .groupBy('entry_key')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .execute();
      expect(duplicates).toEqual([]);
      await reset();
    }
    // The kills landed at different points of the work, not all before or after it.
    expect(new Set(settledAtKill).size).toBeGreaterThan(2);
  }, 240_000);
});
