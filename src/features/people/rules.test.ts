import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classLabel,
  maskName,
  maskPhone,
  normalisePhone,
  parseClassNo,
  parseGender,
  parseGrade,
} from './rules';

describe('grades and classes', () => {
  it.each([
    ['1', 1],
    ['三', 3],
    ['三年级', 3],
    ['6年级', 6],
    ['Grade 2', 2],
    [' 四 年级 ', 4],
    ['七年级', null],
    ['0', null],
    ['初一', null],
    ['', null],
  ])('grade %j → %j', (raw, grade) => expect(parseGrade(raw)).toBe(grade));

  it.each([
    ['2', 2],
    ['2班', 2],
    ['(3)班', 3],
    ['（3）班', 3],
    ['十二班', 12],
    ['Class 5', 5],
    ['甲班', null],
    ['31', null],
  ])('class %j → %j', (raw, classNo) => expect(parseClassNo(raw)).toBe(classNo));

  it('labels classes in both languages', () => {
    expect(classLabel(1, 2)).toBe('一年级2班');
    expect(classLabel(6, 10, 'en')).toBe('Class 6-10');
  });

  it.each([
    ['男', 'M'],
    ['女', 'F'],
    ['F', 'F'],
    ['male', 'M'],
    ['未知', null],
  ])('gender %j → %j', (raw, g) => expect(parseGender(raw)).toBe(g));
});

describe('phones', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['12345', null],
    ['12812345678', null],
    ['1381234567', null],
    ['138123456789', null],
  ])('%j → %j', (raw, phone) => expect(normalisePhone(raw)).toBe(phone));

  it('masks the middle four digits', () => expect(maskPhone('13812345678')).toBe('138****5678'));
});

describe('masked names on public lists (ENR-8)', () => {
  it.each([
    ['张三', '张*'],
    ['张小明', '张*明'],
    ['欧阳小明', '欧**明'],
    ['李', '李'],
  ])('%s → %s', (name, masked) => expect(maskName(name)).toBe(masked));

  it('keeps the length, the first and the last character, and hides the rest', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'王李张小明欧阳华'.split('')), minLength: 3, maxLength: 6 }),
        (name) => {
          const masked = Array.from(maskName(name));
          const chars = Array.from(name);
          expect(masked).toHaveLength(chars.length);
          expect(masked[0]).toBe(chars[0]);
          expect(masked.at(-1)).toBe(chars.at(-1));
          expect(masked.slice(1, -1).every((c) => c === '*')).toBe(true);
        },
      ),
    );
  });
});
