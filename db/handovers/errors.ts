/** The handover area's refusals, in both locales (spread into db/i18n/errors.ts). */
export const handoverErrors = {
  'handovers.not_found': { 'zh-CN': '找不到该交接单。', 'en-US': 'No such handover.' },
  'handovers.signed_final': {
    'zh-CN': '交接单 {number}（第 {version} 版）已签署，不能再修改或删除；如有错误请做更正（生成新版本）。',
    'en-US': 'Handover {number} (version {version}) is signed and cannot be changed or deleted; make a correction (a new version) instead.',
  },
  'handovers.not_signed': {
    'zh-CN': '交接单 {number} 尚未签署：草稿可直接修改，不需要更正。',
    'en-US': 'Handover {number} is not signed yet: edit the draft instead of correcting it.',
  },
  'handovers.already_corrected': {
    'zh-CN': '交接单 {number} 第 {version} 版已有更正版本，请更正最新版本。',
    'en-US': 'Version {version} of handover {number} already has a correction; correct the latest version.',
  },
  'handovers.section_empty': { 'zh-CN': '不能签署：“{sectionZh}”一栏未填写。', 'en-US': 'Cannot sign: the "{sectionEn}" section is empty.' },
  'handovers.base_lower': {
    'zh-CN': '{meterZh}表底 {reading} 低于该表现行的最后读数 {last}：表不会倒转，请核对。',
    'en-US': 'The {meterEn} base reading {reading} is lower than the meter\'s last reading in force, {last}: meters do not run backwards; check it.',
  },
  'handovers.key_count': { 'zh-CN': '钥匙“{kind}”的数量不能为负数。', 'en-US': 'The count of key "{kind}" cannot be negative.' },
  'handovers.room_occupied': {
    'zh-CN': '房间 {room} 已有入伙交接（{number}），住户尚未办理迁出交接，不能再办理入伙。',
    'en-US': 'Room {room} already has a move-in handover ({number}) and its occupant has not moved out; a second move-in is refused.',
  },
  'handovers.draft_open': {
    'zh-CN': '房间 {room} 已有一张未签署的{kindZh}草稿（{number}），请继续办理该草稿。',
    'en-US': 'Room {room} already has an unsigned {kindEn} draft ({number}); carry on with that draft.',
  },
  'handovers.no_move_in': {
    'zh-CN': '房间 {room} 没有在住的入伙交接，不能办理迁出交接。',
    'en-US': 'Room {room} has no move-in handover in force, so there is nothing to move out of.',
  },
  'handovers.not_signer': { 'zh-CN': '{name} 无权在交接单上签字。', 'en-US': '{name} may not sign this handover.' },
  'handovers.outgoing_acknowledges': { 'zh-CN': '{name} 是交班人，不能自己确认接班。', 'en-US': '{name} is handing over the shift and cannot acknowledge it themselves.' },
  'handovers.signatures_missing': {
    'zh-CN': '不能签署：还缺少 {missingZh} 的签字（共需 {need} 人签字）。',
    'en-US': 'Cannot sign: the signatures of {missingEn} are missing ({need} are needed).',
  },
  'handovers.bad_signature': { 'zh-CN': '签名图片无效：须为 PNG 图片。', 'en-US': 'The signature image is not valid: it must be a PNG image.' },
  'handovers.bad_scan': { 'zh-CN': '纸质签字单的扫描件须为 PDF、PNG 或 JPEG 文件。', 'en-US': 'The scan of the paper sheet must be a PDF, PNG or JPEG file.' },
  'handovers.scan_missing': {
    'zh-CN': '不能签署：选择了纸质签字，但未附上签字单的扫描件（PDF、PNG 或 JPEG）。',
    'en-US': 'Cannot sign: signed on paper, but the scan of the signed sheet (PDF, PNG or JPEG) is not attached.',
  },
  'handovers.wrong_kind': { 'zh-CN': '该操作不适用于此类交接单。', 'en-US': 'This cannot be done on this kind of handover.' },
  'handovers.not_defect': { 'zh-CN': '只有“有缺陷”或“缺失”的设施可以开报修单。', 'en-US': 'Only a facility marked defective or missing can open a repair case.' },
  'handovers.occupant_elsewhere': { 'zh-CN': '所选住户不是房间 {room} 的在住住户。', 'en-US': 'The chosen occupant is not a current occupant of room {room}.' },
  'handovers.image_missing': { 'zh-CN': '签名图片文件不在数据文件夹中。', 'en-US': 'The signature image is missing from the data folder.' },
  'handovers.not_counted': {
    'zh-CN': '不能签署：移交清单第 {line} 行尚未当场清点（请填写清点数量）。',
    'en-US': 'Cannot sign: line {line} of the transfer list has not been counted on the spot (enter the count found).',
  },
  'handovers.key_not_found': { 'zh-CN': '找不到该钥匙（或已停用）。', 'en-US': 'No such key (or it has been retired).' },
  'handovers.key_out': { 'zh-CN': '钥匙“{label}”已借出，尚未归还。', 'en-US': 'Key "{label}" is lent and not yet back.' },
  'handovers.key_in': { 'zh-CN': '钥匙“{label}”在前台，没有借出记录可归还。', 'en-US': 'Key "{label}" is at the desk; there is no loan to return.' },
  'handovers.key_room': { 'zh-CN': '业主寄存的钥匙须注明房号。', 'en-US': 'An owner\'s spare key needs its room.' },
  'handovers.key_label_taken': { 'zh-CN': '已有名为“{label}”的钥匙。', 'en-US': 'There is already a key named "{label}".' },
} as const;
