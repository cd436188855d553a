/**
 * What a demo site's people are made of: common Chinese surnames (weighted roughly by how
 * common they are), given-name characters, mobile prefixes, resident-ID region codes and
 * plate prefixes of a community in Shenzhen (粤B) with residents from all over.
 */

/** Surnames, most common first; the generator favours the head of the list. */
export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯',
  '龙', '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '覃', '武', '戴', '莫', '孔', '向', '汤',
] as const;

/** A few two-character surnames, used now and then. */
export const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '慕容'] as const;

/** Given names people of each generation were often given, whole. */
export const GIVEN_MALE_WHOLE = ['伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '飞', '斌', '波', '宇', '浩', '凯',
  '建国', '建华', '国强', '志强', '志明', '海涛', '晓东', '文杰', '俊杰', '子轩', '浩然', '宇轩', '梓豪', '家豪', '振华', '永红', '德明', '立新'] as const;
export const GIVEN_FEMALE_WHOLE = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '燕', '玲', '婷', '雪', '琳', '颖', '倩', '洁', '萍', '红', '梅', '莉',
  '秀英', '秀兰', '桂英', '玉兰', '丽娟', '晓梅', '海燕', '雅婷', '欣怡', '梓涵', '诗涵', '思琪', '雨欣', '佳怡', '婉清', '慧敏', '春燕', '美玲'] as const;

/** Characters two-character given names are composed from. */
export const GIVEN_MALE_FIRST = ['志', '建', '国', '文', '晓', '俊', '子', '浩', '家', '明', '永', '振', '德', '海', '宏', '嘉', '天', '立', '少', '泽'] as const;
export const GIVEN_MALE_SECOND = ['华', '强', '明', '军', '伟', '杰', '涛', '辉', '峰', '斌', '宇', '轩', '豪', '然', '平', '林', '东', '龙', '鑫', '成'] as const;
export const GIVEN_FEMALE_FIRST = ['秀', '晓', '丽', '雅', '欣', '梓', '诗', '思', '雨', '佳', '慧', '美', '春', '海', '玉', '婉', '若', '可', '心', '紫'] as const;
export const GIVEN_FEMALE_SECOND = ['英', '兰', '梅', '婷', '怡', '涵', '琪', '欣', '敏', '玲', '燕', '娟', '霞', '芳', '静', '萱', '妍', '瑶', '清', '悦'] as const;

/** Mainland mobile prefixes in everyday use. */
export const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '153', '155', '156', '157',
  '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '184', '185', '186', '187', '188', '189',
  '191', '193', '195', '198', '199',
] as const;

/** Region codes (first six digits of a resident ID): Shenzhen first, then where people came from. */
export const ID_REGIONS = [
  '440304', '440305', '440306', '440307', '440303', '440308', '440300', // 深圳 福田/南山/宝安/龙岗/罗湖/盐田
  '440106', '440104', '440111', '441302', '440604', '445102', '441900', '442000', // 广州、惠州、佛山、潮州、东莞、中山
  '430102', '430104', '431002', '360102', '360302', '420102', '420106', '510104', '510107', '500103', // 湘 赣 鄂 川 渝
  '450103', '350203', '350102', '110105', '110108', '310115', '320106', '330106', '370102', '410105', // 桂 闽 京 沪 苏 浙 鲁 豫
  '810000', '820000', // (HK/Macau residence permit holders also carry 18-digit numbers)
] as const;

/** Plate prefixes: mostly Shenzhen, some Guangzhou, Huizhou, Dongguan and other provinces. */
export const PLATE_PREFIXES = [
  ['粤B', 70], ['粤A', 6], ['粤L', 4], ['粤S', 4], ['粤E', 2], ['湘A', 3], ['赣B', 2], ['鄂A', 2], ['川A', 2], ['桂A', 2], ['闽D', 1], ['京N', 1], ['沪A', 1],
] as const;

/** Letters a plate may carry (I and O are never issued). */
export const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Household relations as a desk would write them. */
export const RELATIONS = { spouse: '配偶', child: '子女', parent: '父母', other: ['兄弟姐妹', '亲属', '保姆'] } as const;

export const CAR_MODELS = ['白色 丰田凯美瑞', '黑色 大众帕萨特', '银色 本田雅阁', '白色 比亚迪汉EV', '灰色 特斯拉Model 3', '黑色 奥迪A6L', '红色 马自达3',
  '白色 理想L7', '蓝色 比亚迪秦PLUS', '黑色 宝马5系', '白色 日产轩逸', '灰色 蔚来ES6', '白色 别克GL8', '黑色 奔驰E级'] as const;

export const SHOP_NAMES = ['便利店', '药店', '水果店', '快递驿站', '洗衣店', '理发店', '面包房', '咖啡馆', '牙科诊所', '培训中心', '茶餐厅', '五金店'] as const;
