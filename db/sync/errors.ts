/** Every refusal sync can show, in both locales: why a file was refused, held or stopped at. */
export const syncErrors = {
  'sync.folder_unreachable': { 'zh-CN': '同步文件夹“{folder}”无法访问：{detail}', 'en-US': 'The sync folder "{folder}" cannot be reached: {detail}' },
  'sync.folder_full': {
    'zh-CN': '同步文件夹“{folder}”所在的磁盘已满：请腾出空间（或换一个 U 盘）后再发送。已写好的文件都在，未写完的没有留下。',
    'en-US': 'The disk of the sync folder "{folder}" is full: free some space (or use another USB drive) and send again. The files already written are intact; none was left half-written.',
  },
  'sync.no_identity': { 'zh-CN': '本库尚未完成初始设置，不能同步。', 'en-US': 'This store is not set up yet: nothing can be synchronised.' },
  'sync.no_key': {
    'zh-CN': '本机没有签名密钥（数据文件夹中的 sync-key.pem），不能导出。',
    'en-US': 'This PC has no signing key (sync-key.pem in the data folder): nothing can be exported.',
  },
  'sync.damaged': { 'zh-CN': '文件已损坏或被截断（{detail}），已拒收。', 'en-US': 'The file is damaged or truncated ({detail}); refused.' },
  'sync.bad_format': { 'zh-CN': '不是本系统的同步文件（{detail}），已拒收。', 'en-US': 'Not a Front Desk sync file ({detail}); refused.' },
  'sync.unknown_site': { 'zh-CN': '站点“{site}”未登记或未批准，其文件已拒收。', 'en-US': 'Site "{site}" is not enrolled or not approved; its file was refused.' },
  'sync.revoked_site': { 'zh-CN': '站点“{site}”的密钥已吊销，其文件已拒收。', 'en-US': 'The key of site "{site}" was revoked; its file was refused.' },
  'sync.wrong_site': {
    'zh-CN': '文件自称来自“{claimed}”，却放在“{folder}”的文件夹中，已拒收。',
    'en-US': 'The file claims to come from "{claimed}" but lies in the folder of "{folder}"; refused.',
  },
  'sync.bad_signature': {
    'zh-CN': '签名不符（不是“{site}”登记的密钥签发，或内容被改动），已拒收。',
    'en-US': 'The signature does not match (not signed with the enrolled key of "{site}", or the content was altered); refused.',
  },
  'sync.bad_hash': { 'zh-CN': '内容校验值不符（文件被改动），已拒收。', 'en-US': 'The content hash does not match (the file was altered); refused.' },
  'sync.bad_rows': { 'zh-CN': '文件内容与其标头不符（{detail}），已拒收。', 'en-US': 'The file does not match its header ({detail}); refused.' },
  'sync.fork': {
    'zh-CN': '“{site}”的序号 {from}–{to} 已接收过内容不同的文件，此文件已拒收并隔离，请联系该站点。',
    'en-US': 'A different file for "{site}" sequence {from}–{to} was already applied; this one was refused and quarantined. Contact the site.',
  },
  'sync.chain': {
    'zh-CN': '“{site}”的文件链断开：此文件不接续已接收的上一个文件，已拒收。',
    'en-US': 'The file chain of "{site}" is broken: this file does not follow the last one applied; refused.',
  },
  'sync.gap': {
    'zh-CN': '“{site}”缺少序号 {from}–{to} 的文件，在其到达之前暂停接收该站点。',
    'en-US': '"{site}" is missing the file(s) for sequence {from}–{to}; its import waits until they arrive.',
  },
  'sync.newer_schema': {
    'zh-CN': '“{site}”的文件来自较新版本（数据版本 {found}，本机 {supported}），请先升级本机程序；文件保留待处理。',
    'en-US': 'A file from "{site}" comes from a newer version (schema {found}, this PC {supported}): upgrade this PC first; the file is kept.',
  },
  'sync.apply_failed': {
    'zh-CN': '“{site}”序号 {from}–{to} 的文件无法应用（{detail}），未做任何改动。',
    'en-US': 'The file for "{site}" sequence {from}–{to} could not be applied ({detail}); nothing was changed.',
  },
  'sync.enrol_damaged': { 'zh-CN': '登记文件无法读取或签名不符：{file}', 'en-US': 'The enrolment file cannot be read or its signature does not match: {file}' },
  'sync.no_invitation': { 'zh-CN': '共享文件夹中没有站点“{code}”的登记邀请。', 'en-US': 'The shared folder holds no enrolment invitation for site "{code}".' },
  'sync.no_reply': { 'zh-CN': '站点“{code}”尚未写回登记回执。', 'en-US': 'Site "{code}" has not written its enrolment reply yet.' },
  'sync.fingerprint_mismatch': {
    'zh-CN': '指纹不符：站点回执的指纹是 {actual}，与电话核对的不一致，未批准。',
    'en-US': 'Fingerprint mismatch: the reply\'s fingerprint is {actual}, not the one read out by phone; not approved.',
  },
  'sync.stale_reply': {
    'zh-CN': '站点“{code}”的回执答复的是旧邀请，请让站点重新导入邀请。',
    'en-US': 'The reply of site "{code}" answers an older invitation: ask the site to import the invitation again.',
  },
  'sync.site_taken': { 'zh-CN': '站点代码“{code}”已登记。', 'en-US': 'Site code "{code}" is already enrolled.' },
  'sync.not_head_office': { 'zh-CN': '只有总部模式的程序可以做这一步。', 'en-US': 'Only a head-office installation can do this.' },
  'sync.not_site': { 'zh-CN': '只有服务中心模式的程序可以做这一步。', 'en-US': 'Only a service-centre installation can do this.' },
  'sync.no_folder': { 'zh-CN': '请先设置共享文件夹。', 'en-US': 'Set the shared folder first.' },
  'sync.unknown_peer': { 'zh-CN': '没有代码为“{code}”的站点。', 'en-US': 'No site with code "{code}".' },
  'sync.writer_changed': {
    'zh-CN': '站点“{code}”的回执来自另一套数据库（站点标识不同），未批准。',
    'en-US': 'The reply of site "{code}" comes from a different store (another site id); not approved.',
  },
  'sync.head_office_owned': {
    'zh-CN': '这项资料由总部统一下发（收费项目与单价、档案分类与部门、投诉类别、通知），本中心不能修改；如需调整请联系总部。',
    'en-US': 'This comes from head office (fee items and rates, the archive scheme and departments, complaint categories, notices): '
      + 'it cannot be changed here; ask head office.',
  },
  'sync.no_head_office': { 'zh-CN': '本中心尚未加入总部，没有总部下发的资料可接收。', 'en-US': 'This site has not joined head office: there is no reference data to receive.' },
  'sync.no_restore': {
    'zh-CN': '共享文件夹中没有站点“{code}”的恢复包，请先让总部生成。',
    'en-US': 'The shared folder holds no restore package for site "{code}": ask head office to write one.',
  },
  'sync.restore_refused': {
    'zh-CN': '恢复包未通过校验（{detail}），未做任何改动。',
    'en-US': 'The restore package did not verify ({detail}); nothing was changed.',
  },
  'sync.restore_no_admin': { 'zh-CN': '恢复包中没有用户名为“{username}”的系统管理员。', 'en-US': 'The restore package has no administrator with user name "{username}".' },
} as const;
