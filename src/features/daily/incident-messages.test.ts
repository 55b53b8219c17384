// The incident notifications render the kind and severity in the reader's language.
import { describe, expect, it } from 'vitest';
import { renderNotification } from '../notify/messages';

describe('incident notifications (rule DAY-6)', () => {
  const params = {
    student: '李小红',
    kind: 'injury',
    severity: 'serious',
    occurredAt: '2026-09-01 16:05',
    place: '看护一班',
    action: '已消毒包扎',
  };

  it('speaks Chinese to a Chinese reader', () => {
    const zh = renderNotification('incident.reported', params, 'zh-CN');
    expect(zh.body).toBe(
      '李小红于 2026-09-01 16:05 在看护一班发生受伤（较重）。学校已处理：已消毒包扎。详情请查看，如有疑问请联系学校。',
    );
  });

  it('speaks English to an English reader, with the codes as words', () => {
    const en = renderNotification('incident.reported', params, 'en');
    expect(en.body).toContain('an injury (serious)');
    expect(en.body).not.toMatch(/\{|injury\b.*injury/);
  });

  it('shows an unknown code as itself rather than nothing', () => {
    expect(
      renderNotification(
        'incident.critical',
        { ...params, kind: 'flood', students: 1, reporter: '王老师' },
        'en',
      ).body,
    ).toContain('flood');
  });
});
