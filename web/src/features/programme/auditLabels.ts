// Names of the programme's audit actions and entities, merged into the audit page's labels.
type Labels = Record<string, { zh: string; en: string }>;

export const programmeActionLabels: Labels = {
  'settings.update': { zh: '修改学校设置', en: 'Settings changed' },
  'term.create': { zh: '新建学期', en: 'Term created' },
  'term.update': { zh: '修改学期', en: 'Term edited' },
  'term.calendar': { zh: '修改校历', en: 'Calendar changed' },
  'venue.create': { zh: '新建场地', en: 'Venue created' },
  'venue.update': { zh: '修改场地', en: 'Venue edited' },
  'venue.delete': { zh: '删除场地', en: 'Venue deleted' },
  'session.create': { zh: '新建时段', en: 'Session created' },
  'session.update': { zh: '修改时段', en: 'Session edited' },
  'session.delete': { zh: '删除时段', en: 'Session deleted' },
  'offering.create': { zh: '新建服务项目', en: 'Offering created' },
  'offering.update': { zh: '修改服务项目', en: 'Offering edited' },
  'offering.delete': { zh: '删除服务项目', en: 'Offering deleted' },
  'notice.draft': { zh: '修改告家长书草稿', en: 'Notice draft saved' },
  'notice.publish': { zh: '发布告家长书', en: 'Notice published' },
  'demand.record': { zh: '登记需求调查', en: 'Demand recorded' },
};

export const programmeEntityLabels: Labels = {
  term: { zh: '学期', en: 'Term' },
  venue: { zh: '场地', en: 'Venue' },
  session: { zh: '时段', en: 'Session' },
  offering: { zh: '服务项目', en: 'Offering' },
};
