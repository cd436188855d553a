import type { Role } from '../store/schema.js';

/**
 * What each role may do. The matrix lives in code (not in the store) so that a sync file
 * or a hand-edited database cannot widen anyone's rights; the admin sees it in Settings.
 * Later areas add their permissions here.
 */
export const PERMISSIONS = [
  'home.view',
  'registry.read',
  'registry.write',
  'fees.read',
  'fees.collect',
  'fees.approve_void',
  'complaints.read',
  'complaints.write',
  'handovers.read',
  'handovers.write',
  'archives.read',
  'archives.write',
  'archives.approve',
  'reports.read',
  'audit.read',
  'sync.run',
  'sync.manage',
  'staff.manage',
  'settings.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES: readonly Role[] = ['receptionist', 'cashier', 'archivist', 'supervisor', 'manager', 'admin'];

const base: Permission[] = ['home.view'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  receptionist: [...base, 'registry.read', 'registry.write', 'fees.read', 'complaints.read', 'complaints.write', 'handovers.read', 'handovers.write', 'archives.read'],
  cashier: [...base, 'registry.read', 'fees.read', 'fees.collect', 'complaints.read', 'handovers.read', 'archives.read'],
  archivist: [...base, 'registry.read', 'handovers.read', 'archives.read', 'archives.write'],
  supervisor: [...base, 'registry.read', 'registry.write', 'fees.read', 'fees.approve_void', 'complaints.read', 'complaints.write', 'handovers.read', 'handovers.write', 'archives.read', 'archives.approve', 'reports.read', 'audit.read'],
  manager: [...base, 'registry.read', 'fees.read', 'fees.approve_void', 'complaints.read', 'complaints.write', 'handovers.read', 'archives.read', 'archives.approve', 'reports.read', 'audit.read', 'sync.run'],
  // the administrator sets a new site up: the first buildings and the imported ledger are theirs to enter
  admin: [...base, 'registry.read', 'registry.write', 'fees.read', 'complaints.read', 'handovers.read', 'archives.read', 'reports.read', 'audit.read', 'sync.run', 'sync.manage', 'staff.manage', 'settings.manage'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
