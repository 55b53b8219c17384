// `kehou draw verify`: anyone holding a published draw list (rule ENR-4) re-runs the draw from its
// revealed seed and inputs and sees whether the published outcome is what the algorithm gives.
// Prints MATCH or MISMATCH with the problems, in Chinese or English; exit code 0 or 1.
import fs from 'node:fs';
import { Command } from 'commander';
import {
  describeProblem,
  type PublicDrawList,
  seedHashOf,
  type Verification,
  verifyDraw,
} from '../features/enrolment/allocation';
import { listToVerify } from '../features/enrolment/draw-contract';
import type { AppContext } from '../server/context';

export type Lang = 'zh-CN' | 'en';

export interface VerifyOutcome {
  exitCode: 0 | 1;
  lines: string[];
}

const words = {
  'zh-CN': {
    notJson: '文件不是有效的 JSON',
    notList: '文件不是抽签公示名单：',
    notDrawn: '该学期尚未抽签，没有公示名单',
    noTerm: (id: string) => `找不到学期 ${id}`,
    commitment: (published: string, list: string) =>
      `名单中的种子摘要 ${list} 与事先公布的承诺 ${published} 不符`,
    summary: (l: PublicDrawList, people: number, placed: number, waiting: number) =>
      `算法 ${l.algorithm}，种子摘要 ${l.seedHash}；${l.offerings.length} 个项目，${people} 人参加，录取 ${placed} 人次，候补 ${waiting} 人次`,
  },
  en: {
    notJson: 'The file is not valid JSON',
    notList: 'The file is not a published draw list: ',
    notDrawn: 'This term has not been drawn; there is no published list',
    noTerm: (id: string) => `No term ${id}`,
    commitment: (published: string, list: string) =>
      `The list's seed hash ${list} is not the commitment published before the draw, ${published}`,
    summary: (l: PublicDrawList, people: number, placed: number, waiting: number) =>
      `algorithm ${l.algorithm}, seed hash ${l.seedHash}; ${l.offerings.length} offerings, ${people} candidates, ${placed} places given, ${waiting} waiting`,
  },
};

function report(list: PublicDrawList, result: Verification, lang: Lang, extra: string[] = []): VerifyOutcome {
  const problems = [...extra, ...result.details.map((d) => describeProblem(d, lang))];
  if (problems.length) return { exitCode: 1, lines: ['MISMATCH', ...problems.map((p) => `  - ${p}`)] };
  const people = new Set(list.offerings.flatMap((o) => o.candidates.map((c) => c.ref))).size;
  const placed = list.offerings.reduce((n, o) => n + o.placed.length, 0);
  const waiting = list.offerings.reduce((n, o) => n + o.waitlist.length, 0);
  return { exitCode: 0, lines: ['MATCH', `  ${words[lang].summary(list, people, placed, waiting)}`] };
}

/**
 * Verifies a list given as JSON text: the list itself, or what `getDraw` answers (the list under
 * `list`, with the commitment `seedHash` beside it, which must agree).
 */
export function verifyListText(text: string, lang: Lang): VerifyOutcome {
  const w = words[lang];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { exitCode: 1, lines: ['MISMATCH', `  - ${w.notJson}`] };
  }
  const extra: string[] = [];
  if (value && typeof value === 'object' && !('algorithm' in value) && 'list' in value) {
    const view = value as { list: unknown; seedHash?: unknown };
    if (view.list === null) return { exitCode: 1, lines: ['MISMATCH', `  - ${w.notDrawn}`] };
    const inner = view.list as { seedHash?: unknown };
    if (typeof view.seedHash === 'string' && view.seedHash !== inner?.seedHash)
      extra.push(w.commitment(view.seedHash, String(inner?.seedHash)));
    value = view.list;
  }
  const parsed = listToVerify.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => i.path.join('.') || '(root)')
      .join(', ');
    return { exitCode: 1, lines: ['MISMATCH', `  - ${w.notList}${where}`] };
  }
  const list = parsed.data as PublicDrawList;
  return report(list, verifyDraw(list), lang, extra);
}

/** Verifies the list stored for a term, against the commitment the database recorded. */
export async function verifyStoredDraw(ctx: AppContext, termId: string, lang: Lang): Promise<VerifyOutcome> {
  const w = words[lang];
  const term = await ctx.db
    .selectFrom('terms')
    .select(['seed_hash', 'draw_result'])
    .where('id', '=', termId)
    .executeTakeFirst();
  if (!term) return { exitCode: 1, lines: ['MISMATCH', `  - ${w.noTerm(termId)}`] };
  if (!term.draw_result) return { exitCode: 1, lines: ['MISMATCH', `  - ${w.notDrawn}`] };
  const outcome = verifyListText(term.draw_result, lang);
  const list = JSON.parse(term.draw_result) as PublicDrawList;
  if (term.seed_hash !== list.seedHash || (list.seed && seedHashOf(list.seed) !== term.seed_hash)) {
    return {
      exitCode: 1,
      lines: [
        'MISMATCH',
        `  - ${w.commitment(term.seed_hash ?? '—', list.seedHash)}`,
        ...outcome.lines.slice(1),
      ],
    };
  }
  return outcome;
}

async function readInput(file: string): Promise<string> {
  if (file !== '-') return fs.readFileSync(file, 'utf8');
  const parts: Buffer[] = [];
  for await (const chunk of process.stdin) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

export type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;

export function drawCommand(withContext: WithContext): Command {
  const draw = new Command('draw').description('the draw of a term (ENR-4)');
  draw
    .command('verify [file]')
    .description(
      're-run a published draw from its revealed seed and say whether the list matches (- reads stdin)',
    )
    .option('--term <id>', 'verify the list stored for this term in the database instead of a file')
    .option('--lang <lang>', 'zh or en', 'zh')
    .action(async (file: string | undefined, opts: { term?: string; lang: string }) => {
      const lang: Lang = opts.lang.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
      let outcome: VerifyOutcome;
      if (opts.term) {
        const termId = opts.term;
        outcome = await withContext((ctx) => verifyStoredDraw(ctx, termId, lang));
      } else if (file) {
        outcome = verifyListText(await readInput(file), lang);
      } else {
        throw new Error('Give a file (or - for stdin), or --term <id>');
      }
      for (const line of outcome.lines) console.log(line);
      process.exitCode = outcome.exitCode;
    });
  return draw;
}
