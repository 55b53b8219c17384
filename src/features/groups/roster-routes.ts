// HTTP for staff availability, the duty roster and swaps (STAFF-4, STAFF-5).
import { z } from 'zod';
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import { idempotencyHeaders } from '../../server/idempotency';
import * as c from './roster-contract';
import { answerSwap, listSwapCandidates, listSwaps, requestSwap } from './service/duty-swap';
import {
  getAvailability,
  listStaffAvailability,
  saveAvailability,
  setStaffProfile,
} from './service/roster-availability';
import { generateDraftRoster } from './service/roster-generate';
import { publishRoster } from './service/roster-publish';
import { exportRosterXlsx, listMyDuties, listRosters, rosterDetail } from './service/roster-read';
import { getRosterSettings, updateRosterSettings } from './service/roster-settings';

const tags = ['duty roster'];
const base = '/api/v1/schools/:schoolId';

export function rosterRoutes(app: App, ctx: AppContext) {
  // ---- availability and profiles ----
  app.get(`${base}/terms/:termId/availability`, {
    schema: {
      operationId: 'listDutyAvailability',
      tags,
      params: c.rosterTermParams,
      response: { 200: c.staffAvailabilityList, ...errorResponses },
    },
    handler: (req) => listStaffAvailability(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.get(`${base}/terms/:termId/availability/:userId`, {
    schema: {
      operationId: 'getDutyAvailability',
      tags,
      description: "`userId` may be 'me'.",
      params: c.staffTermParams,
      response: { 200: c.availabilityView, ...errorResponses },
    },
    handler: (req) =>
      getAvailability(ctx, requireActor(req), req.params.schoolId, req.params.termId, req.params.userId),
  });

  app.put(`${base}/terms/:termId/availability/:userId`, {
    schema: {
      operationId: 'saveDutyAvailability',
      tags,
      description: "`userId` may be 'me'. Replaces the volunteered slots.",
      params: c.staffTermParams,
      body: c.availabilityInput,
      response: { 200: c.availabilityView, ...errorResponses },
    },
    handler: (req) =>
      saveAvailability(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.params.userId,
        req.body,
      ),
  });

  app.put(`${base}/staff/:userId/duty-profile`, {
    schema: {
      operationId: 'setDutyProfile',
      tags,
      params: c.staffParams,
      body: c.profileInput,
      response: {
        200: z.object({
          userId: z.string(),
          subject: z.string().nullable(),
          maxDutiesPerWeek: z.number().nullable(),
        }),
        ...errorResponses,
      },
    },
    handler: (req) =>
      setStaffProfile(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.userId, req.body),
  });

  app.get(`${base}/duty-settings`, {
    schema: {
      operationId: 'getDutySettings',
      tags,
      params: c.rosterSchoolParams,
      response: { 200: c.rosterSettings, ...errorResponses },
    },
    handler: (req) => getRosterSettings(ctx, requireActor(req), req.params.schoolId),
  });

  app.put(`${base}/duty-settings`, {
    schema: {
      operationId: 'updateDutySettings',
      tags,
      params: c.rosterSchoolParams,
      body: c.rosterSettingsInput,
      response: { 200: c.rosterSettings, ...errorResponses },
    },
    handler: (req) =>
      updateRosterSettings(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.body),
  });

  // ---- rosters ----
  app.post(`${base}/terms/:termId/rosters`, {
    schema: {
      operationId: 'generateDutyRoster',
      tags,
      params: c.rosterTermParams,
      response: { 201: c.rosterSummary, ...errorResponses },
    },
    handler: async (req, reply) => {
      const roster = await generateDraftRoster(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
      );
      return reply.status(201).send(roster);
    },
  });

  app.get(`${base}/terms/:termId/rosters`, {
    schema: {
      operationId: 'listDutyRosters',
      tags,
      params: c.rosterTermParams,
      response: { 200: c.rosterList, ...errorResponses },
    },
    handler: (req) => listRosters(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.get(`${base}/rosters/:rosterId`, {
    schema: {
      operationId: 'getDutyRoster',
      tags,
      params: c.rosterParams,
      querystring: c.rosterQuery,
      response: { 200: c.rosterDetail, ...errorResponses },
    },
    handler: (req) =>
      rosterDetail(ctx, requireActor(req), req.params.schoolId, req.params.rosterId, req.query),
  });

  app.post(`${base}/rosters/:rosterId/publish`, {
    schema: {
      operationId: 'publishDutyRoster',
      tags,
      params: c.rosterParams,
      response: { 200: c.rosterSummary, ...errorResponses },
    },
    handler: (req) =>
      publishRoster(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.rosterId),
  });

  app.get(`${base}/rosters/:rosterId/export`, {
    schema: {
      operationId: 'exportDutyRoster',
      tags,
      params: c.rosterParams,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const { file, filename } = await exportRosterXlsx(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.rosterId,
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(file);
    },
  });

  app.get(`${base}/my-duties`, {
    schema: {
      operationId: 'listMyDuties',
      tags,
      params: c.rosterSchoolParams,
      querystring: c.myDutiesQuery,
      response: { 200: c.myDuties, ...errorResponses },
    },
    handler: (req) => listMyDuties(ctx, requireActor(req), req.params.schoolId, req.query),
  });

  // ---- swaps ----
  app.get(`${base}/duties/:assignmentId/swap-candidates`, {
    schema: {
      operationId: 'listSwapCandidates',
      tags,
      params: c.dutyParams,
      response: { 200: c.swapCandidates, ...errorResponses },
    },
    handler: (req) =>
      listSwapCandidates(ctx, requireActor(req), req.params.schoolId, req.params.assignmentId),
  });

  app.post(`${base}/duty-swaps`, {
    schema: {
      operationId: 'requestDutySwap',
      tags,
      params: c.rosterSchoolParams,
      headers: idempotencyHeaders,
      body: c.swapInput,
      response: { 201: c.swapView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await requestSwap(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.status(answer.status).send(answer.body);
    },
  });

  app.get(`${base}/duty-swaps`, {
    schema: {
      operationId: 'listDutySwaps',
      tags,
      params: c.rosterSchoolParams,
      querystring: c.swapListQuery,
      response: { 200: c.swapList, ...errorResponses },
    },
    handler: (req) => listSwaps(ctx, requireActor(req), req.params.schoolId, req.query.status),
  });

  app.post(`${base}/duty-swaps/:swapId/events`, {
    schema: {
      operationId: 'answerDutySwap',
      tags,
      params: c.swapParams,
      body: c.swapEventInput,
      response: { 200: c.swapView, ...errorResponses },
    },
    handler: (req) =>
      answerSwap(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.swapId, req.body),
  });
}
