// FEE-7 for finance: find a student and opt them in or out of meals from any day of the term (a
// back-dated change to a billed month is corrected on the next month's bill).
import { Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { classText } from '../../app/ui';
import { useStudents } from '../people/queries';
import { ChildMeals } from './FamilyMealsPage';

export function MealOptInPanel({ termId }: { termId: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const students = useStudents({ q: search || undefined, pageSize: 20 });
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%', marginTop: 16 }}>
      <Typography.Text strong>{t('fees.meals.optInTitle')}</Typography.Text>
      <Select
        showSearch
        allowClear
        aria-label={t('fees.meals.student')}
        placeholder={t('fees.meals.findStudent')}
        filterOption={false}
        onSearch={setSearch}
        value={picked?.id}
        onChange={(id?: string) => {
          const s = students.data?.items.find((x) => x.id === id);
          setPicked(s ? { id: s.id, name: s.name } : null);
        }}
        options={(students.data?.items ?? []).map((s) => ({
          value: s.id,
          label: `${s.name} ${classText(s.grade, s.classNo)} ${s.studentNo}`,
        }))}
        style={{ width: '100%', maxWidth: 360 }}
      />
      {picked && <ChildMeals studentId={picked.id} name={picked.name} termId={termId} anyDate />}
    </Space>
  );
}
