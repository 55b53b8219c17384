// The inbox catalogue: every kind renders in both languages with every parameter it declares.
import { describe, expect, it } from 'vitest';
import { messages, notifyKinds, renderNotification } from './messages';

describe('notify messages', () => {
  it('has both languages for every kind and uses exactly the declared parameters', () => {
    for (const kind of notifyKinds) {
      const m = messages[kind];
      for (const t of [m.zh, m.en]) {
        const used = new Set([...`${t.title} ${t.body}`.matchAll(/\{(\w+)\}/g)].map((x) => x[1]));
        expect([...used].sort(), kind).toEqual([...m.params].sort());
      }
    }
  });

  it('renders in the reader language, leaving no placeholder behind', () => {
    const params = { student: '张小明', term: '2026 秋季学期', ref: 'ABCD2345' };
    const zh = renderNotification('application.submitted', params, 'zh-CN');
    expect(zh.title).toBe('报名已提交');
    expect(zh.body).toContain('张小明的2026 秋季学期课后服务报名已提交，报名编号 ABCD2345');
    const en = renderNotification('application.submitted', params, 'en');
    expect(en.title).toBe('Application submitted');
    expect(en.body).toContain('reference ABCD2345');
    expect(renderNotification('offer.lapsed', {}, 'en').body).not.toMatch(/\{/);
    expect(renderNotification('no.such.kind', {}, 'en')).toEqual({ title: 'no.such.kind', body: '' });
  });

  it('covers the kinds the enrolment workflow sends', () => {
    expect(notifyKinds).toEqual(
      expect.arrayContaining([
        'application.submitted',
        'application.preApproved',
        'application.returned',
        'application.approved',
        'application.rejected',
        'application.offered',
        'application.waitlisted',
        'offer.fromWaitlist',
        'offer.lapsed',
        'list.published',
        'withdrawal.requested',
        'withdrawal.approved',
        'withdrawal.rejected',
      ]),
    );
  });
});
