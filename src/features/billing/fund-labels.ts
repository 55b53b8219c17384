// Words for the fund's codes, in zh-CN and en: expense categories (FEE-8) and statement figures
// (FEE-9). The server uses them in line reasons and xlsx exports; the web app has its own copy in
// its locale files.
import type { Locale } from '../../server/errors';
import type { ExpenseCategory } from './rules';

export const categoryWords: Record<ExpenseCategory, readonly [string, string]> = {
  own_staff_pay: ['校内教师报酬', 'Own staff pay'],
  outside_staff: ['校外人员及团队劳务', 'Outside staff and teams'],
  management: ['管理费用', 'Management'],
  consumables: ['耗材', 'Consumables'],
  club_equipment: ['社团器材', 'Club equipment'],
  venue_rent: ['场地租赁', 'Venue rent'],
  course_purchase: ['课程购买', 'Course purchase'],
  utilities: ['水电', 'Water and power'],
  cleaning: ['保洁', 'Cleaning'],
  security: ['安保', 'Security'],
  other: ['其他', 'Other'],
};

export function categoryLabel(category: string, locale: Locale): string {
  const words = categoryWords[category as ExpenseCategory];
  if (!words) return category;
  return locale === 'en' ? words[1] : words[0];
}

export const periodLabel = (period: string, locale: Locale): string =>
  period === 'term' ? (locale === 'en' ? 'Whole term' : '全学期') : period;
