// HTTP for the district's fee caps (FEE-3, DIST-3) and the school's read-only view of them.
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import * as c from './caps-contract';
import { listDistrictCaps, listSchoolCaps, setDistrictCap } from './service/caps';

const tags = ['fees'];

export function capRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/districts/:districtId/fee-caps', {
    schema: {
      operationId: 'listDistrictFeeCaps',
      tags,
      params: c.districtParams,
      response: { 200: c.capList, ...errorResponses },
    },
    handler: (req) => listDistrictCaps(ctx, requireActor(req), req.params.districtId),
  });

  app.put('/api/v1/districts/:districtId/fee-caps/:kind', {
    schema: {
      operationId: 'setDistrictFeeCap',
      tags,
      description: 'DIST-3: the district sets one kind of cap with its approving document; audited.',
      params: c.districtCapParams,
      body: c.capInput,
      response: { 200: c.capList, ...errorResponses },
    },
    handler: (req) =>
      setDistrictCap(ctx, requireActor(req), metaOf(req), req.params.districtId, req.params.kind, req.body),
  });

  app.get('/api/v1/schools/:schoolId/fee-caps', {
    schema: {
      operationId: 'listSchoolFeeCaps',
      tags,
      params: c.schoolParams,
      response: { 200: c.capList, ...errorResponses },
    },
    handler: (req) => listSchoolCaps(ctx, requireActor(req), req.params.schoolId),
  });
}
