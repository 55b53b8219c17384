// HTTP for the fee standards (FEE-3): the term's offerings with their fees and caps; setting a fee.
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import * as c from './fees-contract';
import { listFeeStandards, setOfferingFee } from './service/fees';

const tags = ['fees'];

export function feeRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/schools/:schoolId/terms/:termId/fee-standards', {
    schema: {
      operationId: 'listFeeStandards',
      tags,
      params: c.termParams,
      response: { 200: c.feeStandardList, ...errorResponses },
    },
    handler: (req) => listFeeStandards(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.put('/api/v1/schools/:schoolId/terms/:termId/offerings/:offeringId/fee', {
    schema: {
      operationId: 'setOfferingFee',
      tags,
      description: 'FEE-3: a fee over its cap is refused (FEE_OVER_CAP, with the cap in the message).',
      params: c.offeringFeeParams,
      body: c.feeInput,
      response: { 200: c.feeStandard, ...errorResponses },
    },
    handler: (req) =>
      setOfferingFee(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.params.offeringId,
        req.body,
      ),
  });
}
