// The `kehou` command: start, migrate, demo, create-admin, import-students, backup, restore, draw.
import fs from 'node:fs';
import { Command } from 'commander';
import { migrateToLatest } from '../db/migrate';
import { createAdmin } from '../features/accounts/service/index';
import { importRoster } from '../features/people/service/roster';
import { findSchoolByCode } from '../features/people/store';
import { loadConfig } from '../server/config';
import { newId } from '../server/context';
import { AppError, messageFor } from '../server/errors';
import { contextFor, startServer } from '../server/main';
import { backup, restore } from './backup';
import { loadDemo, seedDistrict } from './demo';
import { drawCommand } from './draw';

async function withContext<T>(fn: (ctx: ReturnType<typeof contextFor>) => Promise<T>): Promise<T> {
  const ctx = contextFor(loadConfig());
  try {
    await migrateToLatest(ctx.db as never);
    return await fn(ctx);
  } finally {
    await ctx.database.close();
  }
}

const program = new Command('kehou').description('Kehou 课后 — after-school service for primary schools');

program
  .command('start')
  .description('start the server (migrates first; loads the demo into an empty database unless KEHOU_DEMO=0)')
  .action(async () => {
    await startServer();
  });

program
  .command('migrate')
  .description('bring the database schema up to date')
  .action(() =>
    withContext(async (ctx) => {
      console.log(`database: ${ctx.dialect}; schema is up to date`);
    }),
  );

program
  .command('demo')
  .description('load the demo district into an empty database')
  .action(() =>
    withContext(async (ctx) => {
      const existing = await ctx.db.selectFrom('districts').select('id').limit(1).executeTakeFirst();
      if (existing) throw new Error('The database already has data; the demo loads only into an empty one.');
      for (const l of await loadDemo(ctx))
        console.log(`${l.role.padEnd(28)} ${l.account.padEnd(14)} ${l.password}`);
    }),
  );

program
  .command('create-admin')
  .description('make a school administrator (and the school, if it does not exist yet)')
  .requiredOption('--school <code>', 'school code, e.g. HX-SY')
  .option('--school-name <name>', 'name of the school to create if it does not exist')
  .option('--district <code>', 'district code for a new school', 'D-1')
  .option('--district-name <name>', 'district name for a new district', '区教育局')
  .requiredOption('--username <username>', 'login name')
  .requiredOption('--name <displayName>', 'the person’s name')
  .option('--phone <phone>', 'mobile number (also usable to sign in)')
  .option('--password <password>', 'password (else read from KEHOU_ADMIN_PASSWORD)')
  .action((opts) =>
    withContext(async (ctx) => {
      const password = opts.password ?? process.env.KEHOU_ADMIN_PASSWORD;
      if (!password) throw new Error('Give --password or set KEHOU_ADMIN_PASSWORD');
      if (!(await findSchoolByCode(ctx.db, opts.school))) {
        if (!opts.schoolName) throw new Error(`No school ${opts.school}; give --school-name to create it`);
        const at = ctx.now().toISOString();
        const district = await ctx.db
          .selectFrom('districts')
          .select('id')
          .where('code', '=', opts.district)
          .executeTakeFirst();
        const districtId = district?.id ?? (await seedDistrict(ctx.db, opts.district, opts.districtName, at));
        await ctx.db
          .insertInto('schools')
          .values({
            id: newId(),
            district_id: districtId,
            code: opts.school,
            name: opts.schoolName,
            timezone: 'Asia/Shanghai',
            created_at: at,
          })
          .execute();
      }
      const { createAdminInput } = await import('../features/accounts/contract');
      const input = createAdminInput.parse({
        username: opts.username,
        displayName: opts.name,
        password,
        phone: opts.phone,
      });
      await createAdmin(ctx, { ...input, schoolCode: opts.school });
      console.log(`administrator ${opts.username} created for ${opts.school}`);
    }),
  );

program
  .command('import-students <file>')
  .description('import a roster workbook (xlsx: 年级 班级 姓名 性别 学号 家长姓名 关系 手机号)')
  .requiredOption('--school <code>', 'school code')
  .option('--dry-run', 'check only; write nothing')
  .action((file: string, opts) =>
    withContext(async (ctx) => {
      const school = await findSchoolByCode(ctx.db, opts.school);
      if (!school) throw new Error(`No school ${opts.school}`);
      // The command line acts as the school's administrator.
      const actor = {
        userId: 'cli',
        displayName: 'kehou cli',
        locale: 'zh-CN',
        grants: [
          {
            role: 'school_admin' as const,
            districtId: school.districtId,
            schoolId: school.id,
            classId: null,
          },
        ],
      };
      try {
        const result = await importRoster(
          ctx,
          actor,
          { ip: null, locale: 'zh-CN' },
          school.id,
          fs.readFileSync(file),
          Boolean(opts.dryRun),
        );
        console.log(JSON.stringify(result, null, 2));
      } catch (error) {
        if (error instanceof AppError && error.code === 'ROSTER_INVALID') {
          console.error(messageFor(error.code, error.params, 'zh-CN'));
          for (const p of (error.details as { problems: { row: number; message: string }[] }).problems) {
            console.error(`  第 ${p.row} 行: ${p.message}`);
          }
          process.exitCode = 1;
          return;
        }
        throw error;
      }
    }),
  );

program
  .command('backup <file>')
  .description('write a consistent snapshot of the database (safe while the server runs)')
  .action((file: string) =>
    withContext(async (ctx) => {
      const { rows } = await backup(ctx, file);
      console.log(`backup written to ${file}: ${rows} rows`);
    }),
  );

program
  .command('restore <file>')
  .description('replace all data with a backup (stop the server first)')
  .action((file: string) =>
    withContext(async (ctx) => {
      const { rows } = await restore(ctx, file);
      console.log(`restored ${rows} rows from ${file}`);
    }),
  );

program.addCommand(drawCommand(withContext));

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof AppError) console.error(messageFor(error.code, error.params, 'zh-CN'));
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
