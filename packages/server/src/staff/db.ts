import type { Generated, Kysely } from 'kysely';
import type { Database } from '../db/types.js';

/** migrations/0003_accounts.sql */
export interface RoleBindingRevokedTable {
  id: Generated<number>;
  binding_id: string;
  user_id: string;
  role: string;
  scope_level: string;
  scope_id: string;
  city_id: string;
  district_id: string | null;
  school_id: string | null;
  granted_by: string | null;
  granted_at: Date;
  revoked_by: string | null;
  revoked_at: Generated<Date>;
}

export interface StaffDatabase extends Database {
  role_binding_revoked: RoleBindingRevokedTable;
}

/** The shared schema type does not know this area's own table; widen it here rather than there. */
export function staffDb(db: Kysely<Database>): Kysely<StaffDatabase> {
  return db as unknown as Kysely<StaffDatabase>;
}
