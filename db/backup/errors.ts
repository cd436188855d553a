/** Every refusal of backups and restore, in both locales, saying what to do. */
export const backupErrors = {
  'backup.needs_restore': {
    'zh-CN': '数据文件已损坏，前台已停止录入，以免损坏扩散。请管理员在本页从最近一次备份恢复（当前文件会先保存在数据文件夹中，不会删除）。',
    'en-US': 'The data file is damaged: the desk has stopped taking entries so the damage cannot spread. '
      + 'An administrator should restore the last backup on this screen (the current file is kept aside in the data folder, never deleted).',
  },
  'backup.restoring': { 'zh-CN': '正在从备份恢复，请稍候再试。', 'en-US': 'A backup is being restored; try again in a moment.' },
  'backup.no_folder': {
    'zh-CN': '尚未选择备份文件夹：请管理员在 设置 → 备份 中选择。',
    'en-US': 'No backup folder is chosen yet: an administrator chooses one under Settings → Backups.',
  },
  'backup.bad_folder': {
    'zh-CN': '备份文件夹“{folder}”不能使用：{reasonZh}。请选择另一块磁盘或 U 盘上的文件夹。',
    'en-US': 'The backup folder "{folder}" cannot be used: {reasonEn}. Choose a folder on a second disk or a USB drive.',
  },
  'backup.busy': { 'zh-CN': '已有一个备份正在进行，请等它完成。', 'en-US': 'A backup is already running; wait for it to finish.' },
  'backup.unknown': { 'zh-CN': '没有找到该备份：{name}。', 'en-US': 'No such backup: {name}.' },
  'backup.not_found': { 'zh-CN': '找不到备份文件：{path}。', 'en-US': 'The backup file cannot be found: {path}.' },
  'backup.candidate_damaged': {
    'zh-CN': '所选备份本身已损坏（{detail}），未做任何改动。请选择更早的一次备份。',
    'en-US': 'The chosen backup is itself damaged ({detail}); nothing was changed. Choose an earlier backup.',
  },
  'backup.candidate_version': {
    'zh-CN': '所选文件不是本程序可用的备份（版本 {found}，本程序支持到 {supported}），未做任何改动。',
    'en-US': 'The chosen file is not a backup this program can use (version {found}; this program supports up to {supported}); nothing was changed.',
  },
  'backup.other_site': {
    'zh-CN': '所选备份属于另一个站点（{code}），不能恢复到本站，未做任何改动。',
    'en-US': 'The chosen backup belongs to another site ({code}) and cannot be restored here; nothing was changed.',
  },
  'backup.behind_head_office': {
    'zh-CN': '不能恢复：本站已向总部发送到第 {sentSeq} 条变更，而该备份只到第 {backupSeq} 条。恢复它会让之后的编号与总部已有的记录冲突。'
      + '请选择更新的备份；若没有，请联系总部由其补回本站数据。',
    'en-US': 'Cannot restore: this site already sent head office its changes up to {sentSeq}, but this backup only reaches {backupSeq}. '
      + 'Restoring it would reuse numbers head office already holds. Choose a newer backup; if there is none, ask head office to send the site its data back.',
  },
  'backup.not_admin': {
    'zh-CN': '只有该备份中的系统管理员账号可以恢复：用户名或密码不对。',
    'en-US': 'Only an administrator account of that backup can restore it: the username or password is wrong.',
  },
  'backup.not_damaged': { 'zh-CN': '数据文件没有损坏：请登录后在 设置 → 备份 中恢复。', 'en-US': 'The data file is not damaged: sign in and restore under Settings → Backups.' },
  'backup.restore_failed': {
    'zh-CN': '恢复后的数据文件无法打开（{detail}），已放回原来的文件，未做任何改动。',
    'en-US': 'The restored file could not be opened ({detail}); the previous file was put back and nothing was changed.',
  },
  'backup.receipts_behind': {
    'zh-CN': '收据编号暂停：本库 {year} 年的最后一张收据是第 {have} 号，而备份记录显示已开到第 {known} 号（数据可能丢失）。'
      + '请管理员先从最近的备份恢复，或由主管核对纸质收据后在首页确认（这些号码登记为遗失，不再使用）。',
    'en-US': 'Receipt numbers are held: this store\'s last {year} receipt is number {have}, but a backup shows number {known} was issued (data may have been lost). '
      + 'An administrator should restore the latest backup, or a supervisor checks the paper receipts and confirms on the home page '
      + '(those numbers are recorded as lost, never used again).',
  },
  'backup.key_password': {
    'zh-CN': '备份密钥密码不对，无法取回同步签名密钥；未做任何改动。请重新输入，或留空（恢复后本机需重新加入总部同步）。',
    'en-US': 'The backup key password is wrong, so the sync signing key cannot be brought back; nothing was changed. '
      + 'Type it again, or leave it blank (this PC then joins head office again after the restore).',
  },
} as const satisfies Record<string, { 'zh-CN': string; 'en-US': string }>;
