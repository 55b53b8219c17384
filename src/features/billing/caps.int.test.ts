// FEE-3, DIST-3 through HTTP on both databases: the district's caps (set with the approving
// document, audited; schools read them), and every place a fee is set refuses one over its cap.
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { type Client, seedWorld, signIn, type World } from '../../../test/fixtures';
import { seedTerm, type TermFixture } from '../../../test/programme-fixtures';
import type { DB } from '../../db/schema';

describeBothDatabases('fee caps and fee standards (FEE-3, DIST-3)', (h) => {
  let w: World;
  let t: TermFixture;
  let district: Client;
  let admin: Client;
  let finance: Client;
  let teacher: Client;
  let adminB: Client;
  const caps = () => `/api/v1/districts/${w.districtId}/fee-caps`;
  const term = (path = '') => `/api/v1/schools/${w.schoolA}/terms/${t.termId}${path}`;
  const noonCap = { maxFen: 300, documentNo: '区发改价〔2026〕12号', approvedOn: '2026-08-20' };

  beforeAll(async () => {
    w = await seedWorld(h());
    t = await seedTerm(h(), w);
    [district, admin, finance, teacher, adminB] = (await Promise.all(
      ['district', 'admin', 'finance', 'teacher', 'adminB'].map((a) => signIn(h(), a)),
    )) as [Client, Client, Client, Client, Client];
  });

  describe('caps (DIST-3)', () => {
    it('reads FEE-3 defaults while the district has recorded none', async () => {
      const res = await district.get(caps());
      expect(res.statusCode, res.body).toBe(200);
      const byKind = Object.fromEntries(res.json().items.map((c: { kind: string }) => [c.kind, c]));
      expect(byKind.care_month).toMatchObject({ minFen: 15000, maxFen: 20000, isDefault: true });
      expect(byKind.noon_hour).toMatchObject({ maxFen: 300, isDefault: true });
      expect(byKind.afterschool_hour.maxFen).toBe(200);
      expect(byKind.weekend_hour.maxFen).toBe(400);
      expect(byKind.special_hour.maxFen).toBe(800);
    });

    it('refuses the school admin and finance a write (403), and changes nothing', async () => {
      for (const c of [admin, finance, adminB]) {
        const res = await c.send('PUT', `${caps()}/noon_hour`, { ...noonCap, maxFen: 900 });
        expect(res.statusCode).toBe(403);
      }
      const res = await district.get(caps());
      expect(res.json().items.find((c: { kind: string }) => c.kind === 'noon_hour').isDefault).toBe(true);
    });

    it('the district sets a cap with its document; audited; schools read it', async () => {
      const res = await district.send('PUT', `${caps()}/noon_hour`, noonCap);
      expect(res.statusCode, res.body).toBe(200);
      const set = res.json().items.find((c: { kind: string }) => c.kind === 'noon_hour');
      expect(set).toMatchObject({ ...noonCap, isDefault: false });
      const audit = await (h().ctx.db as Kysely<DB>)
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'feeCap.set')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ district_id: w.districtId, entity_id: `${w.districtId}:noon_hour` });
      expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({
        maxFen: 300,
        documentNo: noonCap.documentNo,
      });

      for (const c of [admin, finance]) {
        const read = await c.get(`/api/v1/schools/${w.schoolA}/fee-caps`);
        expect(read.statusCode).toBe(200);
        expect(read.json().items.find((x: { kind: string }) => x.kind === 'noon_hour').documentNo).toBe(
          noonCap.documentNo,
        );
      }
      expect((await teacher.get(`/api/v1/schools/${w.schoolA}/fee-caps`)).statusCode).toBe(403);
    });

    it('refuses a bad cap (min over max, no document) with 400', async () => {
      const bad = await district.send('PUT', `${caps()}/care_month`, {
        minFen: 25000,
        maxFen: 20000,
        documentNo: 'x',
        approvedOn: '2026-08-20',
      });
      expect(bad.statusCode).toBe(400);
      const noDoc = await district.send('PUT', `${caps()}/care_month`, {
        maxFen: 20000,
        documentNo: '',
        approvedOn: '2026-08-20',
      });
      expect(noDoc.statusCode).toBe(400);
      const unknown = await district.send('PUT', `${caps()}/lunch`, noonCap);
      expect(unknown.statusCode).toBe(400);
    });
  });

  describe('fees under the caps (FEE-3)', () => {
    const nap = {
      sessionId: '',
      venueId: null,
      kind: 'nap',
      name: '午休看护',
      capacity: 40,
      teacherName: '周老师',
      feeBasis: 'class_hour',
      feeFen: 350,
    };
    let napId = '';

    it('refuses a noon fee of 3.50 a class-hour on create, with the cap in zh and en; 3.00 is accepted', async () => {
      const body = { ...nap, sessionId: t.noonSessionId };
      const zh = await admin.send('POST', term('/offerings'), body);
      expect(zh.statusCode).toBe(422);
      expect(zh.json()).toMatchObject({ code: 'FEE_OVER_CAP' });
      expect(zh.json().message).toBe(
        `收费 3.50 元超过区定限价 3.00 元（${noonCap.documentNo}），请按限价以内设定`,
      );
      const en = await admin.send('POST', term('/offerings'), body, { 'accept-language': 'en' });
      expect(en.json().message).toBe(
        `The fee of 3.50 yuan is over the district cap of 3.00 yuan (${noonCap.documentNo}); set it within the cap`,
      );
      const list = await admin.get(term('/offerings'));
      expect(list.json().items.some((o: { name: string }) => o.name === '午休看护')).toBe(false);
      const ok = await admin.send('POST', term('/offerings'), { ...body, feeFen: 300 });
      expect(ok.statusCode, ok.body).toBe(201);
      napId = ok.json().id;
    });

    it('refuses ordinary care over 200 a month on update (210 refused, 180 accepted)', async () => {
      const over = await admin.send('PATCH', term(`/offerings/${t.homeworkCare}`), {
        feeBasis: 'month',
        feeFen: 21000,
      });
      expect(over.statusCode).toBe(422);
      expect(over.json().message).toContain('200.00');
      expect(over.json().message).toContain('FEE-3');
      const ok = await admin.send('PATCH', term(`/offerings/${t.homeworkCare}`), { feeFen: 18000 });
      expect(ok.statusCode, ok.body).toBe(200);
      // A club per class-hour is a special activity (≤ 8); an after-school offering per class-hour ≤ 2.
      const club = await admin.send('PATCH', term(`/offerings/${t.football}`), {
        feeBasis: 'class_hour',
        feeFen: 800,
        category: 'sport',
      });
      expect(club.statusCode, club.body).toBe(200);
      const care = await admin.send('PATCH', term(`/offerings/${t.homeworkCare}`), {
        feeBasis: 'class_hour',
        feeFen: 250,
      });
      expect(care.statusCode).toBe(422);
      expect(care.json().message).toContain('2.00');
    });

    it('finance sets fees on the fee route: the cap refusal in zh and en, changes nothing; audited when accepted', async () => {
      const url = term(`/offerings/${napId}/fee`);
      const zh = await finance.send('PUT', url, { feeBasis: 'class_hour', feeFen: 350 });
      expect(zh.statusCode).toBe(422);
      expect(zh.json().message).toBe(
        `收费 3.50 元超过区定限价 3.00 元（${noonCap.documentNo}），请按限价以内设定`,
      );
      const en = await finance.send(
        'PUT',
        url,
        { feeBasis: 'class_hour', feeFen: 350 },
        { 'accept-language': 'en' },
      );
      expect(en.json().message).toContain('over the district cap of 3.00 yuan');
      const month = await finance.send('PUT', term(`/offerings/${t.homeworkCare}/fee`), {
        feeBasis: 'month',
        feeFen: 21000,
      });
      expect(month.statusCode).toBe(422);
      expect(month.json().message).toContain('200.00');

      const ok = await finance.send('PUT', url, { feeBasis: 'class_hour', feeFen: 280 });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ feeBasis: 'class_hour', feeFen: 280, withinCap: true });
      expect(ok.json().capKinds).toEqual({ month: 'care_month', class_hour: 'noon_hour' });
      const care = await finance.send('PUT', term(`/offerings/${t.homeworkCare}/fee`), {
        feeBasis: 'month',
        feeFen: 18000,
      });
      expect(care.statusCode).toBe(200);
      const audit = await (h().ctx.db as Kysely<DB>)
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'offering.fee')
        .where('entity_id', '=', napId)
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.before_json!)).toEqual({ feeBasis: 'class_hour', feeFen: 300 });
    });

    it('refuses bad amounts (400), other roles (403) and another school (404)', async () => {
      const url = term(`/offerings/${napId}/fee`);
      for (const feeFen of [0, -100, 2.5]) {
        const res = await finance.send('PUT', url, { feeBasis: 'class_hour', feeFen });
        expect(res.statusCode).toBe(400);
      }
      expect((await teacher.send('PUT', url, { feeBasis: 'class_hour', feeFen: 200 })).statusCode).toBe(403);
      expect((await district.send('PUT', url, { feeBasis: 'class_hour', feeFen: 200 })).statusCode).toBe(403);
      expect((await adminB.send('PUT', url, { feeBasis: 'class_hour', feeFen: 200 })).statusCode).toBe(404);
      const fee = (await finance.get(term('/fee-standards')))
        .json()
        .items.find((i: { offeringId: string }) => i.offeringId === napId);
      expect(fee.feeFen).toBe(280);
    });

    it('lists the fee standards with the cap that applies; a lowered cap shows who is over', async () => {
      const lowered = await district.send('PUT', `${caps()}/care_month`, {
        minFen: 15000,
        maxFen: 17000,
        documentNo: '区发改价〔2026〕20号',
        approvedOn: '2026-09-01',
      });
      expect(lowered.statusCode).toBe(200);
      const res = await finance.get(term('/fee-standards'));
      expect(res.statusCode, res.body).toBe(200);
      const care = res.json().items.find((i: { offeringId: string }) => i.offeringId === t.homeworkCare);
      expect(care).toMatchObject({
        feeBasis: 'month',
        feeFen: 18000,
        withinCap: false,
        sessionKind: 'afternoon',
      });
      expect(res.json().caps.find((c: { kind: string }) => c.kind === 'care_month').maxFen).toBe(17000);
      expect((await teacher.get(term('/fee-standards'))).statusCode).toBe(403);
      // An edit that leaves the fee alone is not held up; a new fee must be under the lowered cap.
      const rename = await admin.send('PATCH', term(`/offerings/${t.homeworkCare}`), { capacity: 400 });
      expect(rename.statusCode, rename.body).toBe(200);
      const over = await admin.send('PATCH', term(`/offerings/${t.homeworkCare}`), { feeFen: 17500 });
      expect(over.statusCode).toBe(422);
      expect(over.json().message).toContain('170.00');
    });
  });
});
