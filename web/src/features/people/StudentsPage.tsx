// The student list: search, grade and class filters, paging, export and the roster print view.
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Input, List, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { StudentRow } from '../../../../src/features/people/contract';
import { gradeLabel } from '../../../../src/features/people/rules';
import { query } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { classText, langOf, useIsPhone } from '../../app/ui';
import { schoolBase, sortClasses, useClasses, useStudents } from './queries';

export function StudentsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const { can } = useSession();
  const [q, setQ] = useState('');
  const [grade, setGrade] = useState<number | undefined>();
  const [classId, setClassId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const classes = sortClasses(useClasses(can('class.list')).data ?? []);
  const students = useStudents({ q: q || undefined, grade, classId, page, pageSize });
  const rows = students.data?.items ?? [];
  const showCategories = rows.some((r) => r.categories !== undefined);
  const grades = [...new Set(classes.map((c) => c.grade))];
  const classOptions = classes
    .filter((c) => grade === undefined || c.grade === grade)
    .map((c) => ({ value: c.id, label: classText(c.grade, c.classNo) }));

  const columns: ColumnsType<StudentRow> = [
    { title: t('student.no'), dataIndex: 'studentNo', width: 110 },
    { title: t('student.name'), dataIndex: 'name', width: 100 },
    { title: t('student.gender'), dataIndex: 'gender', width: 60, render: (g: string) => t(`student.${g}`) },
    { title: t('student.class'), key: 'class', width: 110, render: (_, r) => classText(r.grade, r.classNo) },
  ];
  if (showCategories) {
    columns.push({
      title: t('student.categories'),
      dataIndex: 'categories',
      render: (cats: string[] | undefined) =>
        cats?.map((c) => (
          <Tag key={c} color="orange">
            {t(`category.${c}`)}
          </Tag>
        )),
    });
  }
  const open = (r: StudentRow) => navigate(`/students/${r.id}`);
  const exportUrl = `${schoolBase(schoolId)}/roster/export${query({ classId })}`;
  const printUrl = `/print/roster${query({ classId, grade })}`;
  const pagination = {
    current: page,
    pageSize,
    total: students.data?.total ?? 0,
    showSizeChanger: !phone,
    size: phone ? ('small' as const) : undefined,
    showTotal: (n: number) => t('common.total', { count: n }),
    onChange: (p: number, s: number) => {
      setPage(p);
      setPageSize(s);
    },
  };

  return (
    <Card title={t('student.listTitle')} size={phone ? 'small' : undefined}>
      <div className="kh-toolbar">
        <Input.Search
          allowClear
          placeholder={t('student.searchHint')}
          aria-label={t('common.search')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: phone ? '100%' : 220 }}
        />
        <Select
          allowClear
          placeholder={t('student.allGrades')}
          value={grade}
          onChange={(v) => {
            setGrade(v);
            setClassId(undefined);
            setPage(1);
          }}
          options={grades.map((g) => ({ value: g, label: gradeLabel(g, langOf()) }))}
          style={{ width: 120 }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('student.allClasses')}
          value={classId}
          onChange={(v) => {
            setClassId(v);
            setPage(1);
          }}
          options={classOptions}
          style={{ width: 140 }}
        />
        {can('roster.export') && (
          <Button icon={<DownloadOutlined />} href={exportUrl}>
            {t('student.export')}
          </Button>
        )}
        <Button icon={<PrinterOutlined />} onClick={() => navigate(printUrl)}>
          {t('student.printRoster')}
        </Button>
      </div>
      {phone ? (
        <List
          loading={students.isFetching}
          dataSource={rows}
          pagination={{ ...pagination, align: 'center' }}
          renderItem={(r) => (
            <List.Item onClick={() => open(r)} style={{ cursor: 'pointer' }}>
              <List.Item.Meta
                title={
                  <span>
                    {r.name} <Typography.Text type="secondary">{t(`student.${r.gender}`)}</Typography.Text>
                  </span>
                }
                description={`${r.studentNo} · ${classText(r.grade, r.classNo)}`}
              />
              {r.categories?.map((c) => (
                <Tag key={c} color="orange">
                  {t(`category.${c}`)}
                </Tag>
              ))}
            </List.Item>
          )}
        />
      ) : (
        <Table<StudentRow>
          rowKey="id"
          size="middle"
          loading={students.isFetching}
          columns={columns}
          dataSource={rows}
          pagination={pagination}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' } })}
        />
      )}
    </Card>
  );
}
