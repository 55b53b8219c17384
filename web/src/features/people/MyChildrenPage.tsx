// A parent's landing page: one card per child; tapping opens guardians and pickup adults.
import { RightOutlined, SmileOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Row, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { classText } from '../../app/ui';
import { useStudents } from './queries';

export function MyChildrenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const students = useStudents({ pageSize: 50 });
  if (students.isLoading) return <Spin />;
  const children = students.data?.items ?? [];
  return (
    <div>
      <h2 style={{ marginTop: 0 }}>{t('children.title')}</h2>
      {children.length === 0 && <Empty description={t('children.empty')} />}
      <Row gutter={[12, 12]}>
        {children.map((c) => (
          <Col key={c.id} xs={24} sm={12} lg={8}>
            <Card
              hoverable
              className="kh-child-card"
              data-testid="child-card"
              onClick={() => navigate(`/students/${c.id}`)}
            >
              <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
                <SmileOutlined style={{ fontSize: 32, color: '#1f7a5c' }} />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <div style={{ fontSize: 18, fontWeight: 600 }}>{c.name}</div>
                  <div style={{ color: '#666' }}>
                    {classText(c.grade, c.classNo)} · {t('student.no')} {c.studentNo}
                  </div>
                  <Tag color="green" style={{ marginTop: 6 }}>
                    {t('children.open')}
                  </Tag>
                </div>
                <RightOutlined style={{ color: '#999' }} />
              </div>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
