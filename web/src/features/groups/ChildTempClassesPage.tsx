// A family's view (STAFF-3): "which temporary class is my child in" — per child, the class of each
// offering with its time, room and temporary head teacher. Nothing about other children.
import { ApartmentOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Empty, Row, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/ui';
import { TermPicker } from '../enrolment/parts';
import { useTermChoice } from '../enrolment/queries';
import { useStudents } from '../people/queries';
import { useChildTempClasses } from './queries';

export function ChildTempClassesPage() {
  const { t } = useTranslation();
  const { terms, term, choose, loading } = useTermChoice('running');
  const students = useStudents({ pageSize: 50 });
  if (loading || students.isLoading) return <Spin />;
  const children = students.data?.items ?? [];
  return (
    <div>
      <h2 style={{ marginTop: 0 }}>
        <ApartmentOutlined /> {t('groups.childTitle')}
      </h2>
      <Typography.Paragraph type="secondary">{t('groups.childLead')}</Typography.Paragraph>
      <div style={{ marginBottom: 12 }}>
        <TermPicker terms={terms} value={term?.id} onChange={choose} />
      </div>
      {children.length === 0 && <Empty />}
      <Row gutter={[12, 12]}>
        {children.map((c) => (
          <Col key={c.id} xs={24} md={12}>
            <ChildCard studentId={c.id} name={c.name} termId={term?.id} />
          </Col>
        ))}
      </Row>
    </div>
  );
}

function ChildCard({
  studentId,
  name,
  termId,
}: {
  studentId: string;
  name: string;
  termId: string | undefined;
}) {
  const { t } = useTranslation();
  const classes = useChildTempClasses(studentId, termId);
  return (
    <Card title={name} size="small" data-testid="child-temp-classes">
      {classes.isLoading && <Spin />}
      {classes.error ? <Alert type="error" title={errorMessage(classes.error)} /> : null}
      {classes.data && classes.data.items.length === 0 && (
        <Typography.Text type="secondary">{t('groups.childEmpty')}</Typography.Text>
      )}
      {classes.data && classes.data.items.length > 0 && (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {classes.data.items.map((c) => (
            <div key={c.id}>
              <Typography.Text strong>
                {c.offeringName}：{c.name}
              </Typography.Text>
              <br />
              <Typography.Text type="secondary">
                {c.sessionName} {c.startsAt}–{c.endsAt} · {t('groups.venue')}：{c.venueName ?? '—'} ·{' '}
                {t('groups.headTeacher')}：{c.headTeacherName ?? t('groups.none')}
              </Typography.Text>
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}
