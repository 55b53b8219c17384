// Request and response shapes for signing in and accounts.
import { z } from 'zod';
import { phone, username } from '../people/contract';
import { roles } from '../people/rules';

export const password = z
  .string()
  .min(8, 'password')
  .max(128)
  .regex(/[A-Za-z]/, 'password')
  .regex(/\d/, 'password');

export const loginRequest = z.object({
  account: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const firstLoginRequest = z.object({
  /** The phone number, or the username of a staff account that has no phone. */
  account: z.string().trim().min(1).max(64),
  code: z.string().trim().min(8).max(12),
  newPassword: password,
});

export const changePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: password,
});

export const preferencesRequest = z.object({ locale: z.enum(['zh-CN', 'en']) });

export const mySchool = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  districtId: z.string(),
  districtName: z.string(),
  roles: z.array(z.enum(roles)),
  classIds: z.array(z.string()),
  permissions: z.array(z.string()),
});

export const me = z.object({
  user: z.object({
    id: z.string(),
    displayName: z.string(),
    username: z.string().nullable(),
    phone: z.string().nullable(),
    locale: z.string(),
  }),
  csrfToken: z.string(),
  schools: z.array(mySchool),
});

export const setupCodesRequest = z.object({
  classId: z.string().optional(),
  userId: z.string().optional(),
});

export const setupSlip = z.object({
  userId: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  username: z.string().nullable(),
  children: z.array(z.object({ name: z.string(), className: z.string() })),
  code: z.string(),
  expiresAt: z.string(),
});
export const setupSlips = z.object({ school: z.string(), items: z.array(setupSlip) });

export const createAdminInput = z.object({
  username,
  displayName: z.string().trim().min(1).max(30),
  password,
  phone: phone.optional(),
});

export type Me = z.infer<typeof me>;
export type SetupSlip = z.infer<typeof setupSlip>;
