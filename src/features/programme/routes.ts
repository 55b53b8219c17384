// HTTP for the programme: settings, terms and their calendar, venues, sessions, offerings. The
// notice, the 5+2 report and the demand survey are in report-routes.ts.
import { z } from 'zod';
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import * as c from './contract';
import { reportRoutes } from './report-routes';
import { createOffering, deleteOffering, listOfferings, updateOffering } from './service/offerings';
import { createSession, deleteSession, listSessions, updateSession } from './service/sessions';
import { getSettings, updateSettings } from './service/settings';
import {
  createTerm,
  getCalendar,
  getSchoolDays,
  getTerm,
  listTerms,
  setCalendar,
  updateTerm,
} from './service/terms';
import { createVenue, deleteVenue, listVenues, updateVenue } from './service/venues';

const tags = ['programme'];
const deleted = z.object({ deleted: z.literal(true) });

export function programmeRoutes(app: App, ctx: AppContext) {
  const base = '/api/v1/schools/:schoolId';
  const term = `${base}/terms/:termId`;

  app.get(`${base}/settings`, {
    schema: {
      operationId: 'getSchoolSettings',
      tags,
      params: c.schoolParams,
      response: { 200: c.settingsView, ...errorResponses },
    },
    handler: (req) => getSettings(ctx, requireActor(req), req.params.schoolId),
  });

  app.patch(`${base}/settings`, {
    schema: {
      operationId: 'updateSchoolSettings',
      tags,
      params: c.schoolParams,
      body: c.settingsUpdate,
      response: { 200: c.settingsView, ...errorResponses },
    },
    handler: (req) => updateSettings(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.body),
  });

  app.get(`${base}/terms`, {
    schema: {
      operationId: 'listTerms',
      tags,
      params: c.schoolParams,
      response: { 200: c.termList, ...errorResponses },
    },
    handler: async (req) => ({ items: await listTerms(ctx, requireActor(req), req.params.schoolId) }),
  });

  app.post(`${base}/terms`, {
    schema: {
      operationId: 'createTerm',
      tags,
      params: c.schoolParams,
      body: c.termInput,
      response: { 201: c.termView, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await createTerm(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.body)),
  });

  app.get(term, {
    schema: {
      operationId: 'getTerm',
      tags,
      params: c.termParams,
      response: { 200: c.termView, ...errorResponses },
    },
    handler: (req) => getTerm(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.patch(term, {
    schema: {
      operationId: 'updateTerm',
      tags,
      params: c.termParams,
      body: c.termUpdate,
      response: { 200: c.termView, ...errorResponses },
    },
    handler: (req) =>
      updateTerm(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.termId, req.body),
  });

  app.get(`${term}/calendar`, {
    schema: {
      operationId: 'getTermCalendar',
      tags,
      params: c.termParams,
      response: { 200: c.calendarView, ...errorResponses },
    },
    handler: (req) => getCalendar(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.put(`${term}/calendar`, {
    schema: {
      operationId: 'setTermCalendar',
      tags,
      params: c.termParams,
      body: c.calendarInput,
      response: { 200: c.calendarView, ...errorResponses },
    },
    handler: (req) =>
      setCalendar(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.termId, req.body.days),
  });

  app.get(`${term}/school-days`, {
    schema: {
      operationId: 'getSchoolDays',
      tags,
      params: c.termParams,
      response: { 200: c.schoolDaysView, ...errorResponses },
    },
    handler: (req) => getSchoolDays(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.get(`${base}/venues`, {
    schema: {
      operationId: 'listVenues',
      tags,
      params: c.schoolParams,
      response: { 200: c.venueList, ...errorResponses },
    },
    handler: async (req) => ({ items: await listVenues(ctx, requireActor(req), req.params.schoolId) }),
  });

  app.post(`${base}/venues`, {
    schema: {
      operationId: 'createVenue',
      tags,
      params: c.schoolParams,
      body: c.venueInput,
      response: { 201: c.venueView, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await createVenue(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.body)),
  });

  app.patch(`${base}/venues/:venueId`, {
    schema: {
      operationId: 'updateVenue',
      tags,
      params: c.venueParams,
      body: c.venueUpdate,
      response: { 200: c.venueView, ...errorResponses },
    },
    handler: (req) =>
      updateVenue(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.venueId, req.body),
  });

  app.delete(`${base}/venues/:venueId`, {
    schema: {
      operationId: 'deleteVenue',
      tags,
      params: c.venueParams,
      response: { 200: deleted, ...errorResponses },
    },
    handler: async (req) => {
      await deleteVenue(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.venueId);
      return { deleted: true as const };
    },
  });

  app.get(`${term}/sessions`, {
    schema: {
      operationId: 'listSessions',
      tags,
      params: c.termParams,
      response: { 200: c.sessionList, ...errorResponses },
    },
    handler: (req) => listSessions(ctx, requireActor(req), req.params.schoolId, req.params.termId),
  });

  app.post(`${term}/sessions`, {
    schema: {
      operationId: 'createSession',
      tags,
      params: c.termParams,
      body: c.sessionInput,
      response: { 201: c.sessionView, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await createSession(
            ctx,
            requireActor(req),
            metaOf(req),
            req.params.schoolId,
            req.params.termId,
            req.body,
          ),
        ),
  });

  app.patch(`${term}/sessions/:sessionId`, {
    schema: {
      operationId: 'updateSession',
      tags,
      params: c.sessionParams,
      body: c.sessionUpdate,
      response: { 200: c.sessionView, ...errorResponses },
    },
    handler: (req) =>
      updateSession(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.params.sessionId,
        req.body,
      ),
  });

  app.delete(`${term}/sessions/:sessionId`, {
    schema: {
      operationId: 'deleteSession',
      tags,
      params: c.sessionParams,
      response: { 200: deleted, ...errorResponses },
    },
    handler: async (req) => {
      const { schoolId, termId, sessionId } = req.params;
      await deleteSession(ctx, requireActor(req), metaOf(req), schoolId, termId, sessionId);
      return { deleted: true as const };
    },
  });

  app.get(`${term}/offerings`, {
    schema: {
      operationId: 'listOfferings',
      tags,
      params: c.termParams,
      response: { 200: c.offeringList, ...errorResponses },
    },
    handler: async (req) => ({
      items: await listOfferings(ctx, requireActor(req), req.params.schoolId, req.params.termId),
    }),
  });

  app.post(`${term}/offerings`, {
    schema: {
      operationId: 'createOffering',
      tags,
      params: c.termParams,
      body: c.offeringInput,
      response: { 201: c.offeringView, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await createOffering(
            ctx,
            requireActor(req),
            metaOf(req),
            req.params.schoolId,
            req.params.termId,
            req.body,
          ),
        ),
  });

  app.patch(`${term}/offerings/:offeringId`, {
    schema: {
      operationId: 'updateOffering',
      tags,
      params: c.offeringParams,
      body: c.offeringUpdate,
      response: { 200: c.offeringView, ...errorResponses },
    },
    handler: (req) =>
      updateOffering(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.params.offeringId,
        req.body,
      ),
  });

  app.delete(`${term}/offerings/:offeringId`, {
    schema: {
      operationId: 'deleteOffering',
      tags,
      params: c.offeringParams,
      response: { 200: deleted, ...errorResponses },
    },
    handler: async (req) => {
      const { schoolId, termId, offeringId } = req.params;
      await deleteOffering(ctx, requireActor(req), metaOf(req), schoolId, termId, offeringId);
      return { deleted: true as const };
    },
  });

  reportRoutes(app, ctx);
}
