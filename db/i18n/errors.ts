import { complaintErrors } from '../complaints/errors.js';

/**
 * Every error a user can see, by stable code, in both locales. The code is the contract
 * (tests and the renderer match on it); the words may change. `{name}` placeholders are
 * filled from the error's params.
 */
import { archiveErrors } from '../archives/errors.js';
import { backupErrors } from '../backup/errors.js';
import { meterImportErrors } from '../fees/meter-import/errors.js';
import { handoverErrors } from '../handovers/errors.js';
import { feeErrors } from '../fees/errors.js';
import { debitErrors } from '../fees/debit/errors.js';
import { registryErrors } from '../registry/errors.js';
import { importErrors } from '../registry/import/errors.js';
import { syncErrors } from '../sync/errors.js';
import { hqPgErrors } from '../headoffice-pg/errors.js';

export const errorMessages = {
  ...complaintErrors,
  ...archiveErrors,
  ...meterImportErrors,
  ...handoverErrors,
  ...feeErrors,
  ...debitErrors,
  ...registryErrors,
  ...importErrors,
  ...syncErrors,
  ...backupErrors,
  ...hqPgErrors,
  'api.unknown_op': { 'zh-CN': '未知的操作：{op}', 'en-US': 'Unknown operation: {op}' },
  'api.invalid_input': { 'zh-CN': '输入有误：字段「{field}」{reasonZh}，未做任何改动。', 'en-US': 'Invalid input: field "{field}" {reasonEn}; nothing was changed.' },
  'api.internal': { 'zh-CN': '系统内部错误，操作未执行。请联系管理员。', 'en-US': 'Internal error; nothing was changed. Please contact the administrator.' },
  'auth.no_session': { 'zh-CN': '请先登录。', 'en-US': 'Please sign in first.' },
  'auth.session_locked': { 'zh-CN': '会话因长时间未操作已锁定，请输入密码解锁。', 'en-US': 'The session locked after being idle. Enter your password to unlock.' },
  'auth.forbidden': { 'zh-CN': '您的角色（{roleZh}）无权执行此操作。', 'en-US': 'Your role ({roleEn}) is not allowed to do this.' },
  'auth.bad_credentials': { 'zh-CN': '用户名或密码错误。', 'en-US': 'Wrong user name or password.' },
  'auth.bad_password': { 'zh-CN': '密码错误。', 'en-US': 'Wrong password.' },
  'auth.account_locked': { 'zh-CN': '密码连续输错 5 次，账号已锁定至 {until}。', 'en-US': 'Five wrong passwords: the account is locked until {until}.' },
  'auth.approval_paused': {
    'zh-CN': '在本机连续 5 次输错审批人密码，审批暂停至 {until}。请审批人本人到场输入，或到时再试。',
    'en-US': 'Five wrong approver passwords at this desk: approvals here are paused until {until}. Ask the approver to type it in person, or try again then.',
  },
  'auth.account_disabled': { 'zh-CN': '该账号已停用。', 'en-US': 'This account is disabled.' },
  'auth.weak_password': { 'zh-CN': '密码至少 8 位，且须同时包含字母和数字。', 'en-US': 'A password needs at least 8 characters, with letters and digits.' },
  'setup.already_done': { 'zh-CN': '本站点已完成初始设置。', 'en-US': 'This site is already set up.' },
  'setup.required': { 'zh-CN': '请先完成站点初始设置。', 'en-US': 'Please set up the site first.' },
  'staff.username_taken': { 'zh-CN': '用户名“{username}”已被使用。', 'en-US': 'The user name "{username}" is already taken.' },
  'staff.not_found': { 'zh-CN': '找不到该员工账号。', 'en-US': 'No such staff account.' },
  'staff.last_admin': { 'zh-CN': '不能停用或降级最后一位系统管理员。', 'en-US': 'The last administrator cannot be disabled or demoted.' },
  'files.too_large': {
    'zh-CN': '文件“{name}”有 {size} MB，超过了 {max} MB 的上限，未上传。请拆分成几个文件分批导入。',
    'en-US': 'The file "{name}" is {size} MB, over the {max} MB limit; it was not uploaded. Split it into smaller files and import them one by one.',
  },
  'files.empty': { 'zh-CN': '文件“{name}”是空的。', 'en-US': 'The file "{name}" is empty.' },
  'files.too_many_kept': {
    'zh-CN': '本次登录已有 {max} 个上传完成但未处理的文件，不能再上传。请先完成或关闭正在进行的导入，再试。',
    'en-US': 'This sign-in already holds {max} uploaded files not yet used; no more can be uploaded. Finish or close the imports in progress, then try again.',
  },
  'files.space_full': {
    'zh-CN': '所有登录上传的文件合计已达 {max} MB 的上限，暂时不能再上传。请稍后再试（未使用的文件一小时后自动清理），或请其他人关闭进行中的导入。',
    'en-US': 'Uploads from all sign-ins together have reached the {max} MB limit; nothing more can be uploaded now. Try again later (unused files are removed after an hour), or ask others to close imports in progress.',
  },
  'files.too_many': { 'zh-CN': '同时上传的文件过多，请等前面的上传完成后再试。', 'en-US': 'Too many uploads at once; wait for the earlier ones to finish.' },
  'files.not_found': {
    'zh-CN': '找不到该文件：可能已过期被清理，或属于另一次登录。请重新选择文件。',
    'en-US': 'No such file: it may have expired or belong to another sign-in. Please choose the file again.',
  },
  'files.bad_chunk': {
    'zh-CN': '文件分块顺序不对（应为第 {expected} 块，收到第 {got} 块），请重新上传。',
    'en-US': 'File chunks arrived out of order (expected chunk {expected}, got {got}); please upload again.',
  },
  'files.overflow': {
    'zh-CN': '收到的数据超过了声明的文件大小（{size} 字节），上传已取消。',
    'en-US': 'More data arrived than the declared file size ({size} bytes); the upload was cancelled.',
  },
  'files.incomplete': { 'zh-CN': '文件尚未传完（已收到 {received} / {size} 字节）。', 'en-US': 'The file has not fully arrived ({received} of {size} bytes).' },
  'files.already_finished': { 'zh-CN': '该文件已上传完成，不能再追加内容。', 'en-US': 'This upload is already finished; nothing can be added to it.' },
  'files.hash_mismatch': {
    'zh-CN': '文件“{name}”传输后校验不一致（可能在传输中损坏），已丢弃，请重新上传。',
    'en-US': 'The file "{name}" did not arrive intact (its checksum differs); it was discarded. Please upload it again.',
  },
  'jobs.not_found': { 'zh-CN': '找不到该任务：可能已过期，或属于另一次登录。', 'en-US': 'No such job: it may have expired or belong to another sign-in.' },
  'jobs.busy': { 'zh-CN': '已有任务在进行，请等它完成或取消后再试。', 'en-US': 'A job is already running; wait for it to finish or cancel it first.' },
  'store.newer': {
    'zh-CN': '数据文件由更新版本的前台软件写入（版本 {found}，本程序支持到 {supported}）。请升级软件；文件未做任何改动。',
    'en-US': 'The data file was written by a newer version of Front Desk (schema {found}; this program knows up to {supported}). Please upgrade; the file was not touched.',
  },
  'store.corrupt': {
    'zh-CN': '数据文件已损坏或不是前台数据库：{file}。文件未做任何改动，请从备份恢复。',
    'en-US': 'The data file is damaged or is not a Front Desk store: {file}. It was not touched; restore it from a backup.',
  },
  'store.engine': {
    'zh-CN': '数据库引擎无法加载（{detail}）。请重新安装前台软件；数据文件未做任何改动。',
    'en-US': 'The database engine could not be loaded ({detail}). Please reinstall Front Desk; the data file was not touched.',
  },
  'store.disk_full': {
    'zh-CN': '磁盘已满，操作未执行，未做任何改动。请清理本机磁盘空间（或请管理员处理）后再试。',
    'en-US': 'The disk is full: nothing was done and nothing was changed. Free some disk space on this PC (or ask the administrator) and try again.',
  },
  'store.damaged': {
    'zh-CN': '数据文件有损坏，操作未执行，未做任何改动。请不要继续录入，联系管理员从最近一次备份恢复。',
    'en-US': 'The data file is damaged: nothing was done and nothing was changed. Stop entering data and ask the administrator to restore the last backup.',
  },
  'store.io_error': {
    'zh-CN': '读写数据文件时出错（磁盘或 U 盘可能有问题），操作未执行，未做任何改动。请检查磁盘后再试。',
    'en-US': 'The data file could not be read or written (the disk may be failing): nothing was done and nothing was changed. Check the disk and try again.',
  },
  'store.locked': {
    'zh-CN': '数据文件正被另一个程序使用：{file}。请关闭另一个前台窗口后重试。',
    'en-US': 'The data file is in use by another program: {file}. Close the other Front Desk window and try again.',
  },
} as const satisfies Record<string, { 'zh-CN': string; 'en-US': string }>;

export type ErrorCode = keyof typeof errorMessages;
export type Locale = 'zh-CN' | 'en-US';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];
