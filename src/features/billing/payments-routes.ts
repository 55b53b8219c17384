// HTTP for payments: recording one (Idempotency-Key required), the lists and export, the receipt,
// the provider's secret, the notification log, and the signed payment notification itself.
import { z } from 'zod';
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import { idempotencyHeaders } from '../../server/idempotency';
import { paymentView } from './bills-contract';
import * as c from './payments-contract';
import { receivePaymentNotification } from './service/payments-notify';
import {
  exportPayments,
  getReceipt,
  getSecretState,
  listNotifications,
  listPayments,
  setSecret,
} from './service/payments-read';
import { recordPayment } from './service/payments-record';

const tags = ['billing'];
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function paymentRoutes(app: App, ctx: AppContext) {
  app.post('/api/v1/schools/:schoolId/payments', {
    schema: {
      operationId: 'recordPayment',
      tags,
      params: c.schoolParams,
      headers: idempotencyHeaders,
      body: c.recordPaymentInput,
      response: { 201: paymentView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await recordPayment(
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

  app.get('/api/v1/schools/:schoolId/terms/:termId/payments', {
    schema: {
      operationId: 'listPayments',
      tags,
      params: c.termParams,
      querystring: c.paymentListQuery,
      response: { 200: c.paymentList, ...errorResponses },
    },
    handler: (req) =>
      listPayments(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.termId, req.query),
  });

  app.get('/api/v1/schools/:schoolId/terms/:termId/payments/export', {
    schema: {
      operationId: 'exportPayments',
      tags,
      params: c.termParams,
      querystring: c.paymentListQuery,
      produces: [xlsx],
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const { file, filename } = await exportPayments(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.termId,
        req.query,
      );
      return reply
        .header('content-type', xlsx)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(file);
    },
  });

  app.get('/api/v1/schools/:schoolId/payments/:paymentId/receipt', {
    schema: {
      operationId: 'getPaymentReceipt',
      tags,
      params: c.paymentParams,
      response: { 200: c.receiptView, ...errorResponses },
    },
    handler: (req) =>
      getReceipt(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.paymentId),
  });

  app.get('/api/v1/schools/:schoolId/payment-notifications', {
    schema: {
      operationId: 'listPaymentNotifications',
      tags,
      params: c.schoolParams,
      response: { 200: c.notificationList, ...errorResponses },
    },
    handler: (req) => listNotifications(ctx, requireActor(req), req.params.schoolId),
  });

  app.get('/api/v1/schools/:schoolId/payment-secret', {
    schema: {
      operationId: 'getPaymentSecretState',
      tags,
      params: c.schoolParams,
      response: { 200: c.secretState, ...errorResponses },
    },
    handler: (req) => getSecretState(ctx, requireActor(req), req.params.schoolId),
  });

  app.put('/api/v1/schools/:schoolId/payment-secret', {
    schema: {
      operationId: 'setPaymentSecret',
      tags,
      params: c.schoolParams,
      body: c.secretInput,
      response: { 200: c.secretState, ...errorResponses },
    },
    handler: (req) => setSecret(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.body),
  });

  // The provider's signed notification: no session and no CSRF token (the hook skips routes marked
  // `signedWebhook`); the body is kept as the exact bytes received, since the signature covers them.
  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    // Any other type is read too, so that it reaches the log (and is refused there).
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.post('/api/v1/payments/notify', {
      config: { signedWebhook: true },
      schema: {
        operationId: 'notifyPayment',
        tags,
        security: [],
        response: { 200: c.notifyAnswer, ...errorResponses },
      },
      handler: (req) =>
        receivePaymentNotification(
          ctx,
          metaOf(req),
          typeof req.body === 'string' ? req.body : '',
          req.headers,
        ),
    });
  });
}
