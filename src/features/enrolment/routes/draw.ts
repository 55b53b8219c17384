// HTTP for the draw (ENR-4), the waitlist and withdrawal decisions (ENR-6).
import { requireActor } from '../../../server/auth/sessions';
import type { AppContext } from '../../../server/context';
import { type App, errorResponses, metaOf } from '../../../server/http';
import * as c from '../draw-contract';
import { commitDrawSeed, getDraw, runDraw } from '../service/draw';
import { acceptOffer, declineOffer, listWaitlist } from '../service/waitlist';
import { decideWithdrawal } from '../service/withdrawal-decision';

const tags = ['enrolment'];

export function drawRoutes(app: App, ctx: AppContext) {
  const school = '/api/v1/schools/:schoolId';
  const draw = `${school}/terms/:termId/draw`;

  app.get(draw, {
    schema: {
      operationId: 'getDraw',
      summary: 'The seed commitment, and after the draw the revealed seed and the public list',
      tags,
      params: c.termParams,
      response: { 200: c.drawView, ...errorResponses },
    },
    handler: (req) => getDraw(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.post(`${draw}/seed`, {
    schema: {
      operationId: 'commitDrawSeed',
      summary: 'Fix the secret draw seed before the window closes; its SHA-256 is published',
      tags,
      params: c.termParams,
      response: { 201: c.drawView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const view = await commitDrawSeed(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
      );
      return reply.status(201).send(view);
    },
  });

  app.post(draw, {
    schema: {
      operationId: 'runDraw',
      summary: 'Run the draw once after the window closes; reveals the seed and publishes the list',
      tags,
      params: c.termParams,
      response: { 200: c.drawRunView, ...errorResponses },
    },
    handler: (req) => runDraw(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.termId),
  });

  app.get(`${draw}/waitlist/:offeringId`, {
    schema: {
      operationId: 'listWaitlist',
      summary: 'One offering’s waitlist by position, with where each line stands now',
      tags,
      params: c.waitlistParams,
      response: { 200: c.waitlistView, ...errorResponses },
    },
    handler: (req) =>
      listWaitlist(ctx, requireActor(req), req.params.schoolId, req.params.termId, req.params.offeringId),
  });

  app.post(`${school}/offers/:lineId/accept`, {
    schema: {
      operationId: 'acceptOffer',
      summary: 'A parent accepts a place offered to their child (from the waitlist: before its deadline)',
      tags,
      params: c.offerParams,
      response: { 200: c.offerView, ...errorResponses },
    },
    handler: (req) =>
      acceptOffer(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.lineId),
  });

  app.post(`${school}/offers/:lineId/decline`, {
    schema: {
      operationId: 'declineOffer',
      summary: 'A parent turns down a place; it goes to the next on the waitlist',
      tags,
      params: c.offerParams,
      response: { 200: c.offerView, ...errorResponses },
    },
    handler: (req) =>
      declineOffer(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.lineId),
  });

  app.post(`${school}/withdrawals/:withdrawalId/decision`, {
    schema: {
      operationId: 'decideWithdrawal',
      summary: 'The school approves (freeing the place for the waitlist) or rejects a withdrawal request',
      tags,
      params: c.withdrawalParams,
      body: c.withdrawalDecisionInput,
      response: { 200: c.withdrawalDecisionView, ...errorResponses },
    },
    handler: (req) =>
      decideWithdrawal(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.withdrawalId,
        req.body,
      ),
  });
}
