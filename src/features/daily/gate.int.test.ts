// The gate through HTTP on both databases (DAY-9, SAFE-2): visitors with masked ID numbers and a
// logged full read, signing out, and the outside-staff identity check.
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';
import type { DB } from '../../db/schema';
import { newId } from '../../server/context';

describeBothDatabases('gate', (h) => {
  let world: World;
  let guard: Client;
  let base: string;
  const db = () => h().ctx.db as Kysely<DB>;

  beforeAll(async () => {
    world = await seedWorld(h());
    base = `/api/v1/schools/${world.schoolA}/gate`;
    guard = await signIn(h(), 'guard');
  });

  it('registers a visitor; lists mask the ID number and phone; a full read is logged', async () => {
    const visitor = {
      name: '王建国',
      idNumber: '310101199001011234',
      phone: '13812345678',
      purpose: '维修空调',
      host: '总务处 李老师',
    };
    const created = await guard.send('POST', `${base}/visitors`, visitor);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      idNumberMasked: '3101**********1234',
      phoneMasked: '138****5678',
      outAt: null,
    });
    const list = await guard.get(`${base}/visitors`);
    expect(list.json().items).toHaveLength(1);
    expect(list.body).not.toContain('310101199001011234');
    expect(list.body).not.toContain('13812345678');
    const onSite = await guard.get(`${base}/visitors?onSite=1`);
    expect(onSite.json().items).toHaveLength(1);
    const full = await guard.get(`${base}/visitors/${created.json().id}/id-number`);
    expect(full.json().idNumber).toBe('310101199001011234');
    const logged = await db()
      .selectFrom('audit_log')
      .select(['actor_user_id', 'entity_id'])
      .where('action', '=', 'read.sensitive')
      .execute();
    expect(logged).toEqual([{ actor_user_id: expect.any(String), entity_id: created.json().id }]);
    // The audit of the registration itself keeps only the masked number.
    const entry = await db()
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'gate.visitor.in')
      .executeTakeFirstOrThrow();
    expect(entry.after_json).not.toContain('310101199001011234');
    const out = await guard.send('POST', `${base}/visitors/${created.json().id}/sign-out`);
    expect(out.statusCode).toBe(200);
    expect(out.json().outAt).not.toBeNull();
    const again = await guard.send('POST', `${base}/visitors/${created.json().id}/sign-out`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('GATE_ALREADY_SIGNED_OUT');
    expect((await guard.get(`${base}/visitors?onSite=1`)).json().items).toHaveLength(0);
  });

  it('refuses bad input with the fields named, and staff without the gate role', async () => {
    const bad = await guard.send('POST', `${base}/visitors`, {
      name: '',
      idNumber: '12',
      phone: 'x',
      purpose: '',
      host: '',
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad
      .json()
      .fields.map((f: { field: string }) => f.field)
      .sort();
    expect(fields).toEqual(['host', 'idNumber', 'name', 'phone', 'purpose']);
    const care = await signIn(h(), 'care');
    expect((await care.get(`${base}/visitors`)).statusCode).toBe(403);
    const adminB = await signIn(h(), 'adminB');
    expect((await adminB.get(`${base}/visitors`)).statusCode).toBe(404);
    const count = await db().selectFrom('gate_visitors').select('id').execute();
    expect(count).toHaveLength(1);
  });

  it('checks outside staff by name or ID digits without revealing the ID; the check is logged', async () => {
    const admin = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    const at = h().ctx.now().toISOString();
    const person = (name: string, idNumber: string, status: string) => ({
      id: newId(),
      school_id: world.schoolA,
      user_id: null,
      name,
      kind: 'coach',
      institution_id: null,
      phone: '13900001111',
      id_number: idNumber,
      status,
      created_by: admin.id,
      created_at: at,
      updated_at: at,
    });
    await db()
      .insertInto('outside_staff')
      .values([
        person('赵教练', '31010119800101567X', 'approved'),
        person('钱教练', '310101198202024321', 'pending'),
      ])
      .execute();
    const byName = await guard.get(`${base}/outside-staff?q=${encodeURIComponent('赵教练')}`);
    expect(byName.statusCode).toBe(200);
    expect(byName.json().items).toEqual([
      expect.objectContaining({
        name: '赵教练',
        approved: true,
        idNumberMasked: '3101**********567X',
        phoneMasked: '139****1111',
      }),
    ]);
    expect(byName.body).not.toContain('31010119800101567X');
    const byDigits = await guard.get(`${base}/outside-staff?q=4321`);
    expect(byDigits.json().items).toEqual([
      expect.objectContaining({ name: '钱教练', approved: false, status: 'pending' }),
    ]);
    const checks = await db()
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'gate.outsideStaff.check')
      .execute();
    expect(checks).toHaveLength(2);
  });
});
