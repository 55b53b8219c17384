// The district's fee caps (FEE-3, DIST-3): one row per district and kind; a kind without a row
// falls back to FEE-3's default.
import type { Executor } from '../../server/context';
import { type Cap, type CapKind, capKinds, defaultCaps } from './rules';

export interface CapRecord extends Cap {
  isDefault: boolean;
  updatedAt: string | null;
}

/** Every kind's cap for a district, the default where the district has recorded none. */
export async function capsOf(db: Executor, districtId: string): Promise<Record<CapKind, CapRecord>> {
  const rows = await db.selectFrom('fee_caps').selectAll().where('district_id', '=', districtId).execute();
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  const result = {} as Record<CapKind, CapRecord>;
  for (const kind of capKinds) {
    const r = byKind.get(kind);
    result[kind] = r
      ? {
          kind,
          minFen: r.min_fen === null ? null : Number(r.min_fen),
          maxFen: Number(r.max_fen),
          documentNo: r.document_no,
          approvedOn: r.approved_on,
          isDefault: false,
          updatedAt: r.updated_at,
        }
      : { ...defaultCaps[kind], isDefault: true, updatedAt: null };
  }
  return result;
}

export async function upsertCap(
  db: Executor,
  row: {
    district_id: string;
    kind: CapKind;
    min_fen: number | null;
    max_fen: number;
    document_no: string;
    approved_on: string;
    updated_by: string;
    updated_at: string;
  },
): Promise<void> {
  const { district_id, kind, ...rest } = row;
  await db
    .insertInto('fee_caps')
    .values(row)
    .onConflict((oc) => oc.columns(['district_id', 'kind']).doUpdateSet(rest))
    .execute();
}
