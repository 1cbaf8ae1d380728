/**
 * Characters for the free-text fields of registration that are not names: addresses (小区 3 栋
 * 2 单元 501 室), party branches (某某厂离退休第二党支部) and health notes (高血压，每天吃药). In
 * rough order of how often they come up there; the pinyin keyboard offers them before name
 * characters in those fields. Anything rarer can be typed with a physical keyboard's IME.
 */
export const commonChars =
  // places and addresses
  '小区栋号楼单元室层户幢座期街道路巷弄胡同村组镇乡县市省区州城园苑花府邸公寓大厦广场酒店宾馆旅馆民宿家庭院里东西南北中前后左右上下内外新老旧一二三四五六七八九十百千零半几第附近对面旁边对门山水河江湖海桥站口岛湾坝坡' +
  // organisations and the party branch
  '党支部委员会总机关离退休干部职工公司厂矿学校医院局所中心街队农场林业油田铁路煤电钢兵团师营连工会办事处居民社服务管理局处科股协会联合作社国营集体企业事业单位' +
  // health and mobility notes
  '高低血压糖尿病心脏冠脑梗中风偏瘫痴呆记忆帕金森哮喘慢性肺肾肝胃肠骨关节腰颈椎膝腿脚手眼耳视听力助器拐杖轮椅行动不便走慢需要帮忙定期按时每天早晚吃服用药物胰岛素透析起搏支架术手术后过敏青霉素海鲜花生忌口清真素食少盐油吸氧卧床护理陪同照顾疼痛头晕怕冷热不能能可以会没有是的和与或及请';
