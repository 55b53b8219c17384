// The gate (DAY-9): the visitor register and the identity check of outside staff.
import { z } from 'zod';
import { id, personName } from '../people/contract';

export const visitorParams = z.object({ schoolId: id, visitorId: id });
export const visitorInput = z.object({
  name: personName,
  // 18-character resident ID (last may be X), or another document up to 30 characters.
  idNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{6,30}$/, 'idNumber'),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/, 'phone'),
  purpose: z.string().trim().min(1).max(200),
  host: z.string().trim().min(1).max(60),
});
export const visitorListQuery = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  onSite: z.enum(['1', '0']).optional(),
});
export const visitorView = z.object({
  id: z.string(),
  name: z.string(),
  /** Masked: 3101**********1234 (SAFE-2). */
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  purpose: z.string(),
  host: z.string(),
  inAt: z.string(),
  outAt: z.string().nullable(),
});
export const visitorList = z.object({ items: z.array(visitorView) });
export const visitorIdNumber = z.object({ id: z.string(), idNumber: z.string() });

export const outsideStaffQuery = z.object({
  q: z.string().trim().min(2).max(40),
});
export const outsideStaffCheckView = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      phoneMasked: z.string(),
      idNumberMasked: z.string(),
      status: z.string(),
      approved: z.boolean(),
      institution: z.string().nullable(),
    }),
  ),
});
