// Request and response shapes of the district officer's dashboard (DIST-1, DIST-3): one row of
// figures per school for the term running at a date, and the drill-down of one school.
// Glossary: 参与率 participation rate; 5+2 (PROG-4); 师生比 staff ratio (STAFF-4); 收费标准 fee
// standard; 限价 cap (FEE-3); 欠费 arrears; 安全事件 incident; 经费公示 fund statement (FEE-9).
import { z } from 'zod';
import { capView } from '../billing/caps-contract';
import { feeStandard } from '../billing/fees-contract';
import { incidentKinds, incidentSeverities } from '../daily/incident-rules';
import { id } from '../people/contract';
import { complianceReason, fivePlusTwoView } from '../programme/contract';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const dashboardParams = z.object({ districtId: id });
export const schoolDashboardParams = z.object({ districtId: id, schoolId: id });
export const dashboardQuery = z.object({
  /** The date whose running term each school is read for; default today. */
  date: isoDate.optional(),
});

/** A share in percent with one decimal (half up), or null when there is nothing to divide by. */
const percent = z.number().nullable();

export const termRef = z.object({
  id: z.string(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
});

export const participation = z.object({
  students: z.number().int(),
  enrolled: z.number().int(),
  rate: percent,
});

export const staffRatioFigure = z.object({
  /** Students per staff member (STAFF-4 setting `staffRatio`). */
  ratio: z.number().int(),
  sessionDays: z.number().int(),
  metDays: z.number().int(),
  rate: percent,
});

export const feesFigure = z.object({
  /** Offerings with a fee set. */
  standards: z.number().int(),
  overCap: z.number().int(),
});

export const arrearsFigure = z.object({
  /** Families (a child's service account) with an outstanding balance. */
  families: z.number().int(),
  totalFen: z.number().int(),
});

export const incidentsFigure = z.object({
  total: z.number().int(),
  open: z.number().int(),
  byKind: z.array(z.object({ kind: z.enum(incidentKinds), total: z.number().int(), open: z.number().int() })),
  bySeverity: z.array(
    z.object({ severity: z.enum(incidentSeverities), total: z.number().int(), open: z.number().int() }),
  ),
});

export const statementFigure = z.object({
  id: z.string(),
  termName: z.string(),
  period: z.string(),
  version: z.number().int(),
  publishedAt: z.string(),
  incomeFen: z.number().int(),
  expensesFen: z.number().int(),
  closingFen: z.number().int(),
});

export const fivePlusTwoFigure = z.object({
  compliant: z.boolean(),
  reasons: z.array(complianceReason),
});

export const schoolRow = z.object({
  schoolId: z.string(),
  schoolCode: z.string(),
  schoolName: z.string(),
  term: termRef.nullable(),
  participation,
  fivePlusTwo: fivePlusTwoFigure.nullable(),
  staffRatio: staffRatioFigure.nullable(),
  fees: feesFigure.nullable(),
  arrears: arrearsFigure.nullable(),
  incidents: incidentsFigure.nullable(),
  statement: statementFigure.nullable(),
});
export type SchoolRow = z.infer<typeof schoolRow>;

export const districtDashboard = z.object({
  districtId: z.string(),
  date: z.string(),
  /** Figures are kept by an incremental refresh: every change up to this instant is counted. */
  asOf: z.string().nullable(),
  schools: z.array(schoolRow),
  totals: z.object({
    schools: z.number().int(),
    participation,
    fivePlusTwoCompliant: z.number().int(),
    staffRatio: z.object({ sessionDays: z.number().int(), metDays: z.number().int(), rate: percent }),
    feesOverCap: z.number().int(),
    arrears: arrearsFigure,
    incidents: z.object({ total: z.number().int(), open: z.number().int() }),
  }),
  /** DIST-3: the district's caps with the approving document (edited on the caps page). */
  caps: z.array(capView),
});
export type DistrictDashboard = z.infer<typeof districtDashboard>;

export const sessionDayView = z.object({
  date: z.string(),
  sessionId: z.string(),
  sessionName: z.string(),
  studentsPresent: z.number().int(),
  staffPresent: z.number().int(),
  required: z.number().int(),
  met: z.boolean(),
});
export type SessionDayView = z.infer<typeof sessionDayView>;

export const schoolDashboard = z.object({
  districtId: z.string(),
  date: z.string(),
  school: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  term: termRef.nullable(),
  participation: participation.extend({
    byGrade: z.array(participation.extend({ grade: z.number().int() })),
  }),
  fivePlusTwo: fivePlusTwoView.nullable(),
  staffRatio: staffRatioFigure.extend({
    bySession: z.array(
      staffRatioFigure.omit({ ratio: true }).extend({ sessionId: z.string(), sessionName: z.string() }),
    ),
    /** The session-days furthest short of the ratio, worst first (at most 20). */
    worst: z.array(sessionDayView),
  }),
  fees: feesFigure.extend({ items: z.array(feeStandard), caps: z.array(capView) }),
  arrears: arrearsFigure.extend({
    byGrade: z.array(arrearsFigure.extend({ grade: z.number().int() })),
  }),
  incidents: incidentsFigure,
  statements: z.array(statementFigure),
});
export type SchoolDashboard = z.infer<typeof schoolDashboard>;
