// rule ENR-4: `kehou draw verify` recomputes a published draw from its revealed seed and public
// inputs: the real list matches; a list with two references swapped, a tier changed or the wrong
// seed does not. Runs the command's functions, plus one real process per database for the wiring.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { seedApplicants, seedApplications } from '../../../test/applications-fixture';
import { describeBothDatabases } from '../../../test/db-matrix';
import { seedWorld, signIn, type World } from '../../../test/fixtures';
import { seedTerm } from '../../../test/programme-fixtures';
import { verifyListText, verifyStoredDraw } from '../../cli/draw';
import type { PublicDrawList } from './allocation';
import { commitTermSeed, drawTerm } from './service/draw';

describeBothDatabases('kehou draw verify', (h) => {
  let w: World;
  let termId: string;
  let published: { seedHash: string; list: PublicDrawList };

  beforeAll(async () => {
    h().setNow('2026-09-01T08:00:00.000Z');
    w = await seedWorld(h());
    const term = await seedTerm(h(), w, {
      name: 'verify',
      closesAt: '2026-09-01T09:00:00.000Z',
      footballPlaces: 3,
    });
    termId = term.termId;
    const applicants = await seedApplicants(h(), w.schoolA, 12, { categoryEvery: 12 });
    await seedApplications(h(), {
      schoolId: w.schoolA,
      termId,
      families: applicants,
      choices: (i) => [
        { offeringId: term.football },
        ...(i % 2 ? [{ offeringId: term.chess, rank: 2 }] : []),
      ],
    });
    await commitTermSeed(h().ctx, termId);
    h().setNow('2026-09-01T10:00:00.000Z');
    await drawTerm(h().ctx, termId);
    const teacher = await signIn(h(), 'teacher');
    published = (await teacher.get(`/api/v1/schools/${w.schoolA}/terms/${termId}/draw`)).json();
  });

  const football = (list: PublicDrawList) => list.offerings.find((o) => o.name === '足球社团')!;

  it('a published list verifies, as the list or as the getDraw answer', () => {
    const direct = verifyListText(JSON.stringify(published.list), 'en');
    expect(direct.exitCode).toBe(0);
    expect(direct.lines[0]).toBe('MATCH');
    expect(direct.lines[1]).toContain('12 candidates');
    expect(verifyListText(JSON.stringify(published), 'zh-CN')).toMatchObject({
      exitCode: 0,
      lines: ['MATCH', expect.stringContaining('12 人参加')],
    });
  });

  it('a tampered list fails: swapped references, a changed tier, a wrong seed', () => {
    const swapped = structuredClone(published.list);
    const f = football(swapped);
    [f.placed[0], f.waitlist[0]] = [f.waitlist[0]!, f.placed[0]!];
    const a = verifyListText(JSON.stringify(swapped), 'zh-CN');
    expect(a.exitCode).toBe(1);
    expect(a.lines[0]).toBe('MISMATCH');
    expect(a.lines.join('\n')).toContain('录取名单第 1 位');

    // The last in the queue becomes a priority child: the draw would have placed them.
    const tier = structuredClone(published.list);
    const last = football(tier).waitlist.at(-1)!;
    for (const o of tier.offerings) for (const c of o.candidates) if (c.ref === last) c.tier = 1;
    const b = verifyListText(JSON.stringify(tier), 'en');
    expect(b.exitCode).toBe(1);
    expect(b.lines.join('\n')).toContain('placed list');

    const wrongSeed = { ...published.list, seed: 'f'.repeat(64) };
    const c = verifyListText(JSON.stringify(wrongSeed), 'en');
    expect(c.exitCode).toBe(1);
    expect(c.lines.join('\n')).toContain('not to the published');
    // A list whose commitment differs from the one beside it in the getDraw answer.
    const d = verifyListText(JSON.stringify({ ...published, seedHash: '0'.repeat(64) }), 'en');
    expect(d.exitCode).toBe(1);
    expect(verifyListText('{"not": "a list"}', 'en').exitCode).toBe(1);
    expect(verifyListText('not json', 'zh-CN').lines[1]).toContain('JSON');
  });

  it('verifies the list stored for a term', async () => {
    expect(await verifyStoredDraw(h().ctx, termId, 'en')).toMatchObject({
      exitCode: 0,
      lines: ['MATCH', expect.any(String)],
    });
    expect((await verifyStoredDraw(h().ctx, 'no-such-term', 'en')).exitCode).toBe(1);
  });

  it('runs as a command: stdin and --term, with the exit code', async () => {
    const env = {
      ...process.env,
      KEHOU_DATA_DIR: h().ctx.config.dataDir,
      DATABASE_URL: h().ctx.config.databaseUrl ?? '',
      KEHOU_LOG_LEVEL: 'warn',
      KEHOU_DEMO: '0',
    };
    const bin = path.resolve('bin/kehou.js');
    const kehou = (args: string[], input?: string) =>
      new Promise<{ code: number; stdout: string }>((resolve) => {
        const child = execFile(process.execPath, [bin, ...args], { env, timeout: 60_000 }, (error, stdout) =>
          resolve({ code: error ? Number(error.code) : 0, stdout }),
        );
        child.stdin!.end(input ?? '');
      });
    const tampered = structuredClone(published.list);
    football(tampered).placed.reverse();
    // Two processes at once: each start costs a second or two.
    const [piped, stored] = await Promise.all([
      kehou(['draw', 'verify', '-', '--lang', 'en'], JSON.stringify(tampered)),
      kehou(['draw', 'verify', '--term', termId]),
    ]);
    expect(piped.code).toBe(1);
    expect(piped.stdout.split('\n')[0]).toBe('MISMATCH');
    expect(piped.stdout).toContain('placed list position 1');
    expect(stored).toMatchObject({ code: 0, stdout: expect.stringMatching(/^MATCH\n/) });
  });
});
