// Teacher pay through HTTP on both databases, the review's findings: approval waits for the day
// after the term's last day and a run computed after it (PAY-1).
import { beforeAll, expect, it } from 'vitest';
import { describeBothDatabases } from '../../../test/db-matrix';
import { signIn } from '../../../test/fixtures';
import { type PayWorld, seedPayWorld } from '../../../test/pay-fixtures';
import type { PayRunView } from './contract';

describeBothDatabases('pay approval waits for the day after the term (PAY-1)', (h) => {
  let f: PayWorld;
  const school = () => `/api/v1/schools/${f.w.schoolA}`;
  const term = () => `${school()}/terms/${f.term.termId}`;
  beforeAll(async () => {
    f = await seedPayWorld(h());
  });

  it('on the last day a run cannot be approved, nor that day’s run the day after; a run computed after can', async () => {
    // 2027-01-15 18:00 in Beijing: the term's last day, its sessions not all recorded yet.
    h().setNow('2027-01-15T10:00:00.000Z');
    let admin = await signIn(h(), 'admin');
    const computed = await admin.send('POST', `${term()}/pay-runs`, { fundFen: 100_000 });
    expect(computed.statusCode, computed.body).toBe(201);
    const lastDay = computed.json() as PayRunView;
    expect(lastDay.asOf).toBe('2027-01-15');
    const early = await admin.send('POST', `${school()}/pay-runs/${lastDay.id}/approve`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('PAY_TERM_NOT_ENDED');
    // 01:00 on 2027-01-16 in Beijing: the term is over, but that run was computed on its last day.
    h().setNow('2027-01-15T17:00:00.000Z');
    admin = await signIn(h(), 'admin');
    const stale = await admin.send('POST', `${school()}/pay-runs/${lastDay.id}/approve`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('PAY_RUN_BEFORE_TERM_END');
    const after = (await admin.send('POST', `${term()}/pay-runs`, { fundFen: 100_000 })).json() as PayRunView;
    const ok = await admin.send('POST', `${school()}/pay-runs/${after.id}/approve`);
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
