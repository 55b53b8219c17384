// HTTP for notify channels (admin), the delivery log, and where an account receives mail.
import { z } from 'zod';
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import * as c from './channel-contract';
import * as service from './service/channels';

const tags = ['notify'];

export function channelRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/schools/:schoolId/notify-channels', {
    schema: {
      operationId: 'listNotifyChannels',
      tags,
      params: c.schoolParams,
      response: { 200: c.channelList, ...errorResponses },
    },
    handler: (req) => service.listChannels(ctx, requireActor(req), req.params.schoolId),
  });

  app.post('/api/v1/schools/:schoolId/notify-channels', {
    schema: {
      operationId: 'createNotifyChannel',
      tags,
      params: c.schoolParams,
      body: c.channelInput,
      response: { 201: c.channelView, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await service.createChannel(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.body),
        ),
  });

  app.put('/api/v1/schools/:schoolId/notify-channels/:channelId', {
    schema: {
      operationId: 'updateNotifyChannel',
      tags,
      params: c.channelParams,
      body: c.channelInput,
      response: { 200: c.channelView, ...errorResponses },
    },
    handler: (req) =>
      service.updateChannel(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.channelId,
        req.body,
      ),
  });

  app.post('/api/v1/schools/:schoolId/notify-channels/:channelId/test', {
    schema: {
      operationId: 'testNotifyChannel',
      tags,
      params: c.channelParams,
      body: c.channelTestInput,
      response: { 200: c.channelTestResult, ...errorResponses },
    },
    handler: (req) =>
      service.testChannel(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.channelId,
        req.body,
      ),
  });

  app.get('/api/v1/schools/:schoolId/notify-deliveries', {
    schema: {
      operationId: 'listNotifyDeliveries',
      tags,
      params: c.schoolParams,
      querystring: c.deliveryListQuery,
      response: { 200: c.deliveryList, ...errorResponses },
    },
    handler: (req) => service.listDeliveries(ctx, requireActor(req), req.params.schoolId, req.query),
  });

  app.get('/api/v1/me/contact', {
    schema: { operationId: 'getMyContact', tags, response: { 200: c.myContact, ...errorResponses } },
    handler: (req) => service.myContact(ctx, requireActor(req)),
  });

  app.put('/api/v1/me/contact', {
    schema: {
      operationId: 'setMyContact',
      tags,
      body: c.myContactInput,
      response: { 200: c.myContact, ...errorResponses },
    },
    handler: (req) => service.setMyEmail(ctx, requireActor(req), metaOf(req), req.body.email),
  });

  app.get('/api/v1/schools/:schoolId/staff-emails', {
    schema: {
      operationId: 'listStaffEmails',
      tags,
      params: c.schoolParams,
      response: { 200: c.staffEmailList, ...errorResponses },
    },
    handler: (req) => service.listStaffEmails(ctx, requireActor(req), req.params.schoolId),
  });

  app.put('/api/v1/schools/:schoolId/staff/:userId/email', {
    schema: {
      operationId: 'setStaffEmail',
      tags,
      params: c.staffEmailParams,
      body: z.object({ email: c.emailAddress.nullable() }),
      response: { 200: c.myContact, ...errorResponses },
    },
    handler: (req) =>
      service.setStaffEmail(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.userId,
        req.body.email,
      ),
  });
}
