// The database type Kysely checks every query against. Booleans are 0/1 integers in both
// databases; instants are ISO-8601 UTC text; ids are UUIDv7 text.
export interface DistrictTable {
  id: string;
  code: string;
  name: string;
  created_at: string;
}

export interface SchoolTable {
  id: string;
  district_id: string;
  code: string;
  name: string;
  timezone: string;
  created_at: string;
}

/** A home-room class (行政班): grade 1–6 and its number within the grade. */
export interface ClassTable {
  id: string;
  school_id: string;
  grade: number;
  class_no: number;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string | null;
  phone: string | null;
  display_name: string;
  password_hash: string | null;
  locale: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface RoleGrantTable {
  id: string;
  user_id: string;
  role: string;
  district_id: string;
  school_id: string | null;
  class_id: string | null;
  created_at: string;
}

export interface StudentTable {
  id: string;
  school_id: string;
  class_id: string;
  student_no: string;
  name: string;
  gender: string;
  created_at: string;
  updated_at: string;
}

/** Sensitive categories (ENR-4, FEE-6), kept apart so that only the roles that need them read them. */
export interface StudentCategoryTable {
  student_id: string;
  category: string;
  created_at: string;
}

export interface GuardianTable {
  id: string;
  school_id: string;
  name: string;
  phone: string;
  user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface StudentGuardianTable {
  student_id: string;
  guardian_id: string;
  relation: string;
  is_primary: number;
  created_at: string;
}

/** Adults a family authorises to collect a child (DAY-4). Revoking sets revoked_at; rows are never deleted. */
export interface AuthorisedAdultTable {
  id: string;
  school_id: string;
  student_id: string;
  name: string;
  relation: string;
  phone: string | null;
  revoked_at: string | null;
  created_by: string;
  created_at: string;
}

export interface AuthSessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginFailureTable {
  id: string;
  account_key: string;
  ip: string;
  at: string;
}

export interface SetupCodeTable {
  id: string;
  user_id: string;
  school_id: string;
  code_hash: string;
  /** 'first': sets the first password of an account that has none; 'reset': replaces one (admin only). */
  purpose: string;
  issued_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditLogTable {
  id: string;
  district_id: string | null;
  school_id: string | null;
  actor_user_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  at: string;
  ip: string | null;
}

export interface DB {
  districts: DistrictTable;
  schools: SchoolTable;
  classes: ClassTable;
  users: UserTable;
  role_grants: RoleGrantTable;
  students: StudentTable;
  student_categories: StudentCategoryTable;
  guardians: GuardianTable;
  student_guardians: StudentGuardianTable;
  authorised_adults: AuthorisedAdultTable;
  auth_sessions: AuthSessionTable;
  login_failures: LoginFailureTable;
  setup_codes: SetupCodeTable;
  audit_log: AuditLogTable;
}

/** Each table's primary key, so a backup can page through it in a total order. */
export const primaryKeys: Record<keyof DB, string[]> = {
  districts: ['id'],
  schools: ['id'],
  classes: ['id'],
  users: ['id'],
  role_grants: ['id'],
  students: ['id'],
  student_categories: ['student_id', 'category'],
  guardians: ['id'],
  student_guardians: ['student_id', 'guardian_id'],
  authorised_adults: ['id'],
  auth_sessions: ['id'],
  login_failures: ['id'],
  setup_codes: ['id'],
  audit_log: ['id'],
};

/** Tables in an order where each table's foreign keys point only to earlier ones (backup, restore). */
export const tablesInDependencyOrder: (keyof DB)[] = [
  'districts',
  'schools',
  'classes',
  'users',
  'role_grants',
  'students',
  'student_categories',
  'guardians',
  'student_guardians',
  'authorised_adults',
  'auth_sessions',
  'login_failures',
  'setup_codes',
  'audit_log',
];
