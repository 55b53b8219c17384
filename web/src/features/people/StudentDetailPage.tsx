// One student: the editable fields, guardians, pickup adults and (for some roles) sensitive categories.
import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  Result,
  Row,
  Select,
  Space,
  Spin,
} from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { StudentDetail } from '../../../../src/features/people/contract';
import { sensitiveCategories } from '../../../../src/features/people/rules';
import { api, put } from '../../app/api';
import { useSession } from '../../app/session';
import { classText, errorMessage } from '../../app/ui';
import { AdultsCard } from './AdultsCard';
import { GuardiansCard } from './GuardiansCard';
import { sortClasses, useClasses, useStudent } from './queries';
import { useStudentUpdate } from './useStudentUpdate';

function FieldsCard({ student }: { student: StudentDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { run, busy } = useStudentUpdate(student.id);
  const [form] = Form.useForm();
  const classes = sortClasses(useClasses(student.canEdit && can('class.list')).data ?? []);
  useEffect(() => {
    form.setFieldsValue({ name: student.name, gender: student.gender, classId: student.classId });
  }, [form, student]);
  if (!student.canEdit) {
    return (
      <Card size="small" title={t('student.detail')}>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'name', label: t('student.name'), children: student.name },
            { key: 'no', label: t('student.no'), children: student.studentNo },
            { key: 'gender', label: t('student.gender'), children: t(`student.${student.gender}`) },
            { key: 'class', label: t('student.class'), children: classText(student.grade, student.classNo) },
          ]}
        />
      </Card>
    );
  }
  const save = (values: { name: string; gender: 'M' | 'F'; classId: string }) =>
    run((base) => api<StudentDetail>('PATCH', base, values), form);
  return (
    <Card size="small" title={t('student.detail')}>
      <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
        <Form.Item label={t('student.no')}>
          <Input value={student.studentNo} disabled />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('student.name')}
          rules={[{ required: true, message: t('login.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="gender" label={t('student.gender')}>
          <Select
            options={[
              { value: 'M', label: t('student.M') },
              { value: 'F', label: t('student.F') },
            ]}
          />
        </Form.Item>
        <Form.Item name="classId" label={t('student.class')}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={
              classes.length
                ? classes.map((c) => ({ value: c.id, label: classText(c.grade, c.classNo) }))
                : [{ value: student.classId, label: classText(student.grade, student.classNo) }]
            }
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

function CategoriesCard({ student }: { student: StudentDetail }) {
  const { t } = useTranslation();
  const { run, busy } = useStudentUpdate(student.id);
  const [form] = Form.useForm<{ categories: string[] }>();
  useEffect(() => {
    form.setFieldsValue({ categories: student.categories ?? [] });
  }, [form, student]);
  if (!student.canSeeCategories) return null;
  const save = (values: { categories: string[] }) =>
    run((base) => put<StudentDetail>(`${base}/categories`, values), form);
  return (
    <Card size="small" title={t('student.categories')}>
      <Form form={form} onFinish={save}>
        <Form.Item name="categories">
          <Checkbox.Group
            disabled={!student.canEdit}
            options={sensitiveCategories.map((c) => ({ value: c, label: t(`category.${c}`) }))}
          />
        </Form.Item>
        {student.canEdit && (
          <Button htmlType="submit" loading={busy}>
            {t('student.saveCategories')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

export function StudentDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { studentId = '' } = useParams();
  const student = useStudent(studentId);
  if (student.isLoading) return <Spin />;
  if (student.error || !student.data) return <Result status="warning" title={errorMessage(student.error)} />;
  const s = student.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
        <strong style={{ fontSize: 18 }}>
          {s.name} · {classText(s.grade, s.classNo)}
        </strong>
      </Space>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <FieldsCard student={s} />
            <CategoriesCard student={s} />
          </Space>
        </Col>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <GuardiansCard student={s} />
            <AdultsCard student={s} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
