/**
 * The classification scheme of the archive rules (档案资料管理制度) as the site starts with it:
 * six first-level categories with their second-level classes, and the producing
 * departments that form the third level. The site may add, rename and retire entries;
 * a code in use is never renumbered.
 *
 * Default retention per class follows the seed's table: completion and basic project
 * records permanent, equipment and maintenance records 30 years, routine operating
 * records 10 years, general ledgers 25 years, vouchers 15 years.
 */
export type Retention = 'permanent' | '30' | '25' | '15' | '10' | '5';
export const RETENTIONS: readonly Retention[] = ['permanent', '30', '25', '15', '10', '5'];

export interface SchemeClass {
  code: number;
  name: string;
  retention: Retention;
}
export interface SchemeCategory {
  code: number;
  name: string;
  classes: SchemeClass[];
}

const c = (code: number, name: string, retention: Retention): SchemeClass => ({ code, name, retention });

export const DEFAULT_CATEGORIES: SchemeCategory[] = [
  { code: 1, name: '业务类', classes: [c(1, '物业管理资料', '30'), c(2, '项目基础资料', 'permanent'), c(3, '工程设备资料', 'permanent'), c(4, '往来文书', '10'), c(5, '其他', '10')] },
  { code: 2, name: '设备仪器类', classes: [c(1, '办公设备', '30'), c(2, '弱电', '30'), c(3, '供配电', '30'), c(4, '给排水', '30'), c(5, '消防系统', '30'), c(6, '空调', '30'), c(7, '电梯', '30'), c(8, '其他', '30')] },
  {
    code: 3, name: '文书类', classes: [
      c(1, '公司证照资质', 'permanent'), c(2, '董事会文件', 'permanent'), c(3, '请示报告批复', '30'), c(4, '各类收文、发文', '30'),
      c(5, '工作会议文件', '30'), c(6, '经营决策文件', 'permanent'), c(7, '财务工作文件', '30'), c(8, '组织机构设置', 'permanent'),
      c(9, '党群工作文件', '30'), c(10, '其它事务管理', '10'), c(11, '工程管理资料', '30'),
    ],
  },
  { code: 4, name: '声像类', classes: [c(1, '照片', 'permanent'), c(2, '音频', '30'), c(3, '视频', '30'), c(4, '光盘及其他', '30')] },
  { code: 5, name: '会计类', classes: [c(1, '报表', 'permanent'), c(2, '帐簿', '25'), c(3, '凭证', '15'), c(4, '其他', '10')] },
  { code: 6, name: '荣誉实物类', classes: [c(1, '证书', 'permanent'), c(2, '奖杯奖牌', 'permanent'), c(3, '纪念品', 'permanent')] },
];

export const DEFAULT_DEPARTMENTS: { code: string; name: string }[] = [
  { code: '01', name: '经营拓展部' },
  { code: '02', name: '品质管理部' },
  { code: '03', name: '工程管理部' },
  { code: '04', name: '安全管理部' },
  { code: '05', name: '计划财务部' },
  { code: '06', name: '人力资源部' },
  { code: '07', name: '综合行政部' },
  ...['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((letter, i) => ({ code: String(8 + i).padStart(2, '0'), name: `服务中心${letter}` })),
];
