// Names of the service fund's audit actions and entities (FEE-2, FEE-8, FEE-9), merged into the
// audit page's labels.
type Labels = Record<string, { zh: string; en: string }>;

export const fundActionLabels: Labels = {
  'fund.record': { zh: '登记经费收支', en: 'Fund record made' },
  'fund.reverse': { zh: '冲销经费记录', en: 'Fund record reversed' },
  'fund.publish': { zh: '发布经费公示', en: 'Fund statement published' },
};

export const fundEntityLabels: Labels = {
  fund_document: { zh: '经费收支', en: 'Fund record' },
  fund_statement: { zh: '经费公示', en: 'Fund statement' },
};
