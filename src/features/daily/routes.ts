// HTTP of the care teacher's day: today, the roll call, guardian contacts, handovers, the care log,
// leave, staff attendance and the emergency plan. Pickup, the duty board, the gate and incidents
// register their own routes beside these.
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import { idempotencyHeaders } from '../../server/idempotency';
import * as c from './contract';
import { getCareLog, saveCareLog } from './service/care-log';
import { getEmergencyPlan, saveEmergencyPlan } from './service/emergency-plan';
import { readGuardianContacts } from './service/guardian-contacts';
import { listHandovers, recordHandover } from './service/handover';
import { cancelLeave, listLeave, reportLeave } from './service/leave';
import { getRollSheet, saveRollCall } from './service/roll-call';
import {
  checkIn,
  closeStaffAttendanceAsAdmin,
  listStaffAttendance,
  ruleStaffAttendance,
} from './service/staff-attendance';
import { getToday } from './service/today';

const tags = ['daily'];
const classDay = '/api/v1/schools/:schoolId/temp-classes/:tempClassId/days/:date';

export function dailyRoutes(app: App, ctx: AppContext) {
  app.get('/api/v1/schools/:schoolId/today', {
    schema: {
      operationId: 'getToday',
      tags,
      params: c.schoolParams,
      querystring: c.dateQuery,
      response: { 200: c.todayView, ...errorResponses },
    },
    handler: (req) => getToday(ctx, requireActor(req), req.params.schoolId, req.query.date),
  });

  // ---- roll call (DAY-1) ----
  app.get(`${classDay}/roll-call`, {
    schema: {
      operationId: 'getRollSheet',
      tags,
      params: c.classDayParams,
      querystring: c.printQuery,
      response: { 200: c.rollSheet, ...errorResponses },
    },
    handler: (req) =>
      getRollSheet(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.tempClassId,
        req.params.date,
        req.query.print === '1',
      ),
  });
  app.put(`${classDay}/roll-call`, {
    schema: {
      operationId: 'saveRollCall',
      tags,
      params: c.classDayParams,
      headers: idempotencyHeaders,
      body: c.rollSaveInput,
      response: { 201: c.rollSaved, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await saveRollCall(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.tempClassId,
        req.params.date,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.status(answer.status).send(answer.body);
    },
  });
  app.get(`${classDay}/students/:studentId/guardians`, {
    schema: {
      operationId: 'readGuardianContacts',
      tags,
      params: c.studentOnDayParams,
      response: { 200: c.guardianContacts, ...errorResponses },
    },
    handler: (req) =>
      readGuardianContacts(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.tempClassId,
        req.params.date,
        req.params.studentId,
      ),
  });

  // ---- handover (DAY-2) ----
  app.get(`${classDay}/handovers`, {
    schema: {
      operationId: 'listHandovers',
      tags,
      params: c.classDayParams,
      response: { 200: c.handoverList, ...errorResponses },
    },
    handler: (req) =>
      listHandovers(ctx, requireActor(req), req.params.schoolId, req.params.tempClassId, req.params.date),
  });
  app.post(`${classDay}/handovers`, {
    schema: {
      operationId: 'recordHandover',
      tags,
      params: c.classDayParams,
      body: c.handoverInput,
      response: { 201: c.handoverView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const view = await recordHandover(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.tempClassId,
        req.params.date,
        req.body,
      );
      return reply.status(201).send(view);
    },
  });

  // ---- care log and activity record (DAY-6, DAY-8) ----
  app.get(`${classDay}/care-log`, {
    schema: {
      operationId: 'getCareLog',
      tags,
      params: c.classDayParams,
      response: { 200: c.careLogView, ...errorResponses },
    },
    handler: (req) =>
      getCareLog(ctx, requireActor(req), req.params.schoolId, req.params.tempClassId, req.params.date),
  });
  app.put(`${classDay}/care-log`, {
    schema: {
      operationId: 'saveCareLog',
      tags,
      params: c.classDayParams,
      body: c.careLogInput,
      response: { 200: c.careLogView, ...errorResponses },
    },
    handler: (req) =>
      saveCareLog(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.params.tempClassId,
        req.params.date,
        req.body,
      ),
  });

  // ---- leave (DAY-3) ----
  app.post('/api/v1/schools/:schoolId/leave', {
    schema: {
      operationId: 'reportLeave',
      tags,
      params: c.schoolParams,
      body: c.leaveInput,
      response: { 201: c.leaveView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const view = await reportLeave(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.body);
      return reply.status(201).send(view);
    },
  });
  app.get('/api/v1/schools/:schoolId/leave', {
    schema: {
      operationId: 'listLeave',
      tags,
      params: c.schoolParams,
      querystring: c.leaveListQuery,
      response: { 200: c.leaveList, ...errorResponses },
    },
    handler: (req) => listLeave(ctx, requireActor(req), req.params.schoolId, req.query),
  });
  app.post('/api/v1/schools/:schoolId/leave/:leaveId/cancel', {
    schema: {
      operationId: 'cancelLeave',
      tags,
      params: c.leaveParams,
      response: { 200: c.leaveView, ...errorResponses },
    },
    handler: (req) =>
      cancelLeave(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.params.leaveId),
  });

  // ---- staff attendance (DAY-7) ----
  app.post('/api/v1/schools/:schoolId/staff-attendance/check-in', {
    schema: {
      operationId: 'checkInStaff',
      tags,
      params: c.schoolParams,
      body: c.checkInInput,
      response: { 200: c.staffAttendanceView, 201: c.staffAttendanceView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const answer = await checkIn(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.body);
      return reply.status(answer.status).send(answer.body);
    },
  });
  app.get('/api/v1/schools/:schoolId/staff-attendance', {
    schema: {
      operationId: 'listStaffAttendance',
      tags,
      params: c.schoolParams,
      querystring: c.rangeQuery,
      response: { 200: c.staffAttendanceList, ...errorResponses },
    },
    handler: (req) =>
      listStaffAttendance(ctx, requireActor(req), req.params.schoolId, req.query.from, req.query.to),
  });
  app.post('/api/v1/schools/:schoolId/staff-attendance/rulings', {
    schema: {
      operationId: 'ruleStaffAttendance',
      tags,
      params: c.schoolParams,
      body: c.staffRulingInput,
      response: { 201: c.staffAttendanceView, ...errorResponses },
    },
    handler: async (req, reply) => {
      const view = await ruleStaffAttendance(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.schoolId,
        req.body,
      );
      return reply.status(201).send(view);
    },
  });
  app.post('/api/v1/schools/:schoolId/staff-attendance/close', {
    schema: {
      operationId: 'closeStaffAttendance',
      tags,
      params: c.schoolParams,
      body: c.closeInput,
      response: { 200: c.closeResult, ...errorResponses },
    },
    handler: (req) =>
      closeStaffAttendanceAsAdmin(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.body.date),
  });

  // ---- emergency plan (SAFE-3) ----
  app.get('/api/v1/schools/:schoolId/emergency-plan', {
    schema: {
      operationId: 'getEmergencyPlan',
      tags,
      params: c.schoolParams,
      response: { 200: c.emergencyPlanView, ...errorResponses },
    },
    handler: (req) => getEmergencyPlan(ctx, requireActor(req), req.params.schoolId),
  });
  app.put('/api/v1/schools/:schoolId/emergency-plan', {
    schema: {
      operationId: 'saveEmergencyPlan',
      tags,
      params: c.schoolParams,
      body: c.emergencyPlanInput,
      response: { 200: c.emergencyPlanView, ...errorResponses },
    },
    handler: (req) => saveEmergencyPlan(ctx, requireActor(req), metaOf(req), req.params.schoolId, req.body),
  });
}
