import type { Permission } from '../../../db/api/types';
import type { MessageKey } from '../i18n';

/**
 * Every area the product will have, in the order of the navigation. `built` is honest:
 * an area not built yet shows a page that says so and what it will do.
 */
export interface Area {
  key: string;
  nav: MessageKey;
  desc?: MessageKey;
  permission: Permission;
  built: boolean;
}

export const AREAS: readonly Area[] = [
  { key: 'home', nav: 'nav.home', permission: 'home.view', built: true },
  { key: 'registry', nav: 'nav.registry', desc: 'area.registry', permission: 'registry.read', built: true },
  { key: 'fees', nav: 'nav.fees', desc: 'area.fees', permission: 'fees.read', built: true },
  { key: 'complaints', nav: 'nav.complaints', desc: 'area.complaints', permission: 'complaints.read', built: true },
  { key: 'handovers', nav: 'nav.handovers', desc: 'area.handovers', permission: 'handovers.read', built: true },
  { key: 'archives', nav: 'nav.archives', desc: 'area.archives', permission: 'archives.read', built: true },
  { key: 'sync', nav: 'nav.sync', desc: 'area.sync', permission: 'sync.run', built: true },
  { key: 'audit', nav: 'nav.audit', desc: 'area.audit', permission: 'audit.read', built: true },
  { key: 'settings', nav: 'nav.settings', desc: 'area.settings', permission: 'home.view', built: true },
];
