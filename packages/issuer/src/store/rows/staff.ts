import type { StaffMember } from '../../ports.js';

export type StaffRow = {
  id: string;
  org_slug: string;
  name: string;
  role: string;
  created_at: string;
};

export const toMember = (row: StaffRow): StaffMember => ({
  id: row.id,
  orgSlug: row.org_slug,
  name: row.name,
  role: row.role,
  createdAt: row.created_at,
});
