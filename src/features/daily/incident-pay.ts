// PAY-4 reads incidents: a dereliction or safety incident that names a staff member makes that
// day score 0 and costs the final reward, unless the school closed it as not upheld. The pay
// issue calls this; it does no authorisation (the caller's use case has done it).
import type { Executor } from '../../server/context';
import { affectsPay } from './incident-rules';

export interface IncidentAffectingPay {
  incidentId: string;
  staffUserId: string;
  /** School-local date of the incident: the day that scores 0. */
  date: string;
  kind: 'staff_dereliction' | 'safety_hazard';
  status: string;
  /** Closed with a finding; an open one may still be found groundless. */
  settled: boolean;
}

/** Incidents of the school dated `from`…`to` (inclusive, 'YYYY-MM-DD') that affect a teacher's pay. */
export async function incidentsAffectingPay(
  db: Executor,
  schoolId: string,
  from: string,
  to: string,
): Promise<IncidentAffectingPay[]> {
  const rows = await db
    .selectFrom('incidents')
    .select(['id', 'staff_user_id', 'date', 'kind', 'status', 'finding'])
    .where('school_id', '=', schoolId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('kind', 'in', ['staff_dereliction', 'safety_hazard'])
    .where('staff_user_id', 'is not', null)
    .orderBy('date')
    .orderBy('id')
    .execute();
  return rows
    .filter((r) => affectsPay(r.kind, r.staff_user_id, r.finding))
    .map((r) => ({
      incidentId: r.id,
      staffUserId: r.staff_user_id!,
      date: r.date,
      kind: r.kind as IncidentAffectingPay['kind'],
      status: r.status,
      settled: r.status === 'closed',
    }));
}
