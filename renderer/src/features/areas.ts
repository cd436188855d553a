import type { Permission } from '../../../db/api/types';
import type { MessageKey } from '../i18n';

/** Every area of the product, in the order of the navigation. */
export interface Area {
  key: string;
  nav: MessageKey;
  desc?: MessageKey;
  permission: Permission;
}

export const AREAS: readonly Area[] = [
  { key: 'home', nav: 'nav.home', permission: 'home.view' },
  { key: 'registry', nav: 'nav.registry', desc: 'area.registry', permission: 'registry.read' },
  { key: 'fees', nav: 'nav.fees', desc: 'area.fees', permission: 'fees.read' },
  { key: 'complaints', nav: 'nav.complaints', desc: 'area.complaints', permission: 'complaints.read' },
  { key: 'handovers', nav: 'nav.handovers', desc: 'area.handovers', permission: 'handovers.read' },
  { key: 'archives', nav: 'nav.archives', desc: 'area.archives', permission: 'archives.read' },
  { key: 'sync', nav: 'nav.sync', desc: 'area.sync', permission: 'sync.run' },
  { key: 'audit', nav: 'nav.audit', desc: 'area.audit', permission: 'audit.read' },
  { key: 'settings', nav: 'nav.settings', desc: 'area.settings', permission: 'home.view' },
];
