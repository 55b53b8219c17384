// Request and response shapes for people; the web app imports these too.
import { z } from 'zod';
import { genders, phonePattern, roles, sensitiveCategories } from './rules';

export const id = z.string().min(1).max(64);
export const phone = z.string().trim().regex(phonePattern, 'phone');
export const personName = z.string().trim().min(1).max(30);

export const schoolParams = z.object({ schoolId: id });
export const studentParams = z.object({ schoolId: id, studentId: id });

export const schoolSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  districtId: z.string(),
  districtName: z.string(),
});

export const classSummary = z.object({
  id: z.string(),
  grade: z.number().int(),
  classNo: z.number().int(),
  size: z.number().int(),
});
export const classList = z.object({ items: z.array(classSummary) });

export const studentListQuery = z.object({
  grade: z.coerce.number().int().min(1).max(6).optional(),
  classId: id.optional(),
  q: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const studentRow = z.object({
  id: z.string(),
  studentNo: z.string(),
  name: z.string(),
  gender: z.enum(genders),
  classId: z.string(),
  grade: z.number().int(),
  classNo: z.number().int(),
  /** Present only for roles allowed to see sensitive categories (ENR-4, FEE-6). */
  categories: z.array(z.enum(sensitiveCategories)).optional(),
});
export const studentList = z.object({ items: z.array(studentRow), total: z.number().int() });

export const guardianView = z.object({
  id: z.string(),
  name: z.string(),
  relation: z.string(),
  phone: z.string(),
  isPrimary: z.boolean(),
  hasAccount: z.boolean(),
});

export const adultView = z.object({
  id: z.string(),
  name: z.string(),
  relation: z.string(),
  phone: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const studentDetail = studentRow.extend({
  guardians: z.array(guardianView),
  adults: z.array(adultView).optional(),
  canEdit: z.boolean(),
  canEditAdults: z.boolean(),
  canSeeCategories: z.boolean(),
});

export const studentCreate = z.object({
  studentNo: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[0-9A-Za-z-]+$/),
  name: personName,
  gender: z.enum(genders),
  classId: id,
});

export const studentUpdate = z
  .object({
    name: personName,
    gender: z.enum(genders),
    classId: id,
  })
  .partial();

export const categoriesUpdate = z.object({ categories: z.array(z.enum(sensitiveCategories)).max(8) });

export const guardianInput = z.object({
  name: personName,
  relation: z.string().trim().min(1).max(10),
  phone,
  isPrimary: z.boolean().default(false),
});
export const guardianParams = studentParams.extend({ guardianId: id });

export const adultInput = z.object({
  name: personName,
  relation: z.string().trim().min(1).max(10),
  phone: phone.optional(),
});
export const adultParams = studentParams.extend({ adultId: id });

export const staffMember = z.object({
  userId: z.string(),
  displayName: z.string(),
  username: z.string().nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  grants: z.array(
    z.object({
      id: z.string(),
      role: z.enum(roles),
      classId: z.string().nullable(),
    }),
  ),
});
export const staffList = z.object({ items: z.array(staffMember) });

/** Usernames are kept in lower case; one must hold a letter, or it would read as a phone number. */
export const username = z
  .string()
  .trim()
  .regex(/^(?=.*[A-Za-z])[A-Za-z0-9._-]{3,32}$/, 'username')
  .transform((v) => v.toLowerCase());

export const staffCreate = z
  .object({
    displayName: personName,
    username: username.optional(),
    phone: phone.optional(),
    role: z.enum(roles),
    classId: id.optional(),
  })
  .refine((s) => s.username || s.phone, { path: ['phone'], message: 'phoneOrUsername' });

export const staffUpdate = z
  .object({ displayName: personName, phone: phone.nullable(), disabled: z.boolean() })
  .partial();

export const grantCreate = z.object({ role: z.enum(roles), classId: id.optional() });
export const grantParams = schoolParams.extend({ userId: id, grantId: id });
export const staffParams = schoolParams.extend({ userId: id });

export const rosterImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});

export const rosterProblem = z.object({
  row: z.number().int(),
  field: z.string(),
  value: z.string(),
  code: z.string(),
  message: z.string(),
});

export const rosterImportResult = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  studentsCreated: z.number().int(),
  studentsUpdated: z.number().int(),
  studentsUnchanged: z.number().int(),
  guardiansCreated: z.number().int(),
  accountsCreated: z.number().int(),
  classesCreated: z.number().int(),
});

export const rosterExportQuery = z.object({ classId: id.optional() });

export const rosterQuery = z.object({
  classId: id.optional(),
  grade: z.coerce.number().int().min(1).max(6).optional(),
});
export const rosterEntry = studentRow.omit({ categories: true }).extend({
  guardians: z.array(z.object({ name: z.string(), relation: z.string(), phone: z.string() })),
});
export const roster = z.object({ items: z.array(rosterEntry) });

export type StudentRow = z.infer<typeof studentRow>;
export type StudentDetail = z.infer<typeof studentDetail>;
export type StaffMember = z.infer<typeof staffMember>;
export type RosterImportResult = z.infer<typeof rosterImportResult>;
export type RosterProblem = z.infer<typeof rosterProblem>;
export type RosterEntry = z.infer<typeof rosterEntry>;
