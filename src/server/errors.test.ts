import { describe, expect, it } from 'vitest';
import { AppError, messageFor, pickLocale } from './errors';
import { describeIssue } from './validation';

describe('errors', () => {
  it('renders messages with parameters in both languages', () => {
    expect(messageFor('LOGIN_LOCKED', { minutes: 3 }, 'zh-CN')).toBe('尝试次数过多，请 3 分钟后再试');
    expect(messageFor('LOGIN_LOCKED', { minutes: 3 }, 'en')).toBe(
      'Too many attempts; try again in 3 minutes',
    );
    expect(new AppError('NOT_FOUND').status).toBe(404);
  });

  it('picks the language from the request, then the account, Chinese by default', () => {
    expect(pickLocale('en-US,en;q=0.9', 'zh-CN')).toBe('en');
    expect(pickLocale('zh-CN,zh;q=0.9', 'en')).toBe('zh-CN');
    expect(pickLocale(undefined, 'en')).toBe('en');
    expect(pickLocale(undefined)).toBe('zh-CN');
  });

  it('describes schema problems per field', () => {
    expect(describeIssue({ code: 'too_small', origin: 'string', minimum: 1 }, 'zh-CN')).toBe('不能为空');
    expect(describeIssue({ code: 'too_big', origin: 'string', maximum: 30 }, 'en')).toBe(
      'At most 30 characters',
    );
    expect(describeIssue({ code: 'invalid_format', message: 'phone' }, 'zh-CN')).toContain('手机号');
  });
});
