// HTTP for the district officer's dashboard (DIST-1): the figures of every school, a school's
// drill-down, and both as Excel.
import { z } from 'zod';
import { requireActor } from '../../server/auth/sessions';
import type { AppContext } from '../../server/context';
import { type App, errorResponses, metaOf } from '../../server/http';
import * as c from './dashboard-contract';
import { getDistrictDashboard, getSchoolDashboard } from './service/dashboard';
import { exportDistrictDashboard, exportSchoolDashboard } from './service/dashboard-export';

const tags = ['district'];
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function dashboardRoutes(app: App, ctx: AppContext) {
  const base = '/api/v1/districts/:districtId/dashboard';

  app.get(base, {
    schema: {
      operationId: 'getDistrictDashboard',
      tags,
      params: c.dashboardParams,
      querystring: c.dashboardQuery,
      response: { 200: c.districtDashboard, ...errorResponses },
    },
    handler: (req) => getDistrictDashboard(ctx, requireActor(req), req.params.districtId, req.query.date),
  });

  app.get(`${base}/export`, {
    schema: {
      operationId: 'exportDistrictDashboard',
      tags,
      params: c.dashboardParams,
      querystring: c.dashboardQuery,
      produces: [xlsxType],
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const { file, filename } = await exportDistrictDashboard(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.districtId,
        req.query.date,
      );
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(file);
    },
  });

  app.get(`${base}/schools/:schoolId`, {
    schema: {
      operationId: 'getDistrictSchoolDashboard',
      tags,
      params: c.schoolDashboardParams,
      querystring: c.dashboardQuery,
      response: { 200: c.schoolDashboard, ...errorResponses },
    },
    handler: (req) =>
      getSchoolDashboard(ctx, requireActor(req), req.params.districtId, req.params.schoolId, req.query.date),
  });

  app.get(`${base}/schools/:schoolId/export`, {
    schema: {
      operationId: 'exportDistrictSchoolDashboard',
      tags,
      params: c.schoolDashboardParams,
      querystring: c.dashboardQuery,
      produces: [xlsxType],
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const { file, filename } = await exportSchoolDashboard(
        ctx,
        requireActor(req),
        metaOf(req),
        req.params.districtId,
        req.params.schoolId,
        req.query.date,
      );
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(file);
    },
  });
}
