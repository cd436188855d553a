import type { Role } from '../store/schema.js';

/** Role names as the service-centre manuals say them. */
export const ROLE_NAMES: Record<Role, { 'zh-CN': string; 'en-US': string }> = {
  receptionist: { 'zh-CN': '前台接待', 'en-US': 'Receptionist' },
  cashier: { 'zh-CN': '收费员', 'en-US': 'Cashier' },
  archivist: { 'zh-CN': '档案管理员', 'en-US': 'Archivist' },
  supervisor: { 'zh-CN': '客服主管', 'en-US': 'Supervisor' },
  manager: { 'zh-CN': '服务中心负责人', 'en-US': 'Manager' },
  admin: { 'zh-CN': '系统管理员', 'en-US': 'Administrator' },
};
