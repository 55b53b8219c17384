// DIST-2 for a school's administrator (/duty/institutions): the district's approved institutions
// with their courses, prices and public mean score; booking a course for a term; the school's
// bookings; evaluating an institution it booked and complaining about one. A school sees only its
// own evaluations and complaints.
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Rate,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../../src/features/billing/money';
import { complaintCategories } from '../../../../src/features/district/institutions-rules';
import { post } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { applyFieldErrors, errorMessage, useIsPhone } from '../../app/ui';
import { useTerms } from '../programme/queries';
import { ScoreText, statusColor } from './DistrictInstitutionsPage';
import {
  type BookingView,
  type CatalogueItem,
  schoolUrl,
  useBookings,
  useCatalogue,
  useFeedback,
  useRefreshInstitutions,
} from './queries';

type Action = {
  kind: 'book' | 'evaluate' | 'complain';
  institutionId: string;
  name: string;
  courseId?: string;
  termId?: string;
};

export function SchoolInstitutionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const schoolId = useSchoolId();
  const { can } = useSession();
  const catalogue = useCatalogue();
  const bookings = useBookings();
  const terms = useTerms();
  const refresh = useRefreshInstitutions();
  const [action, setAction] = useState<Action | null>(null);
  const [feedbackOf, setFeedbackOf] = useState<{ id: string; name: string } | null>(null);
  const [form] = Form.useForm();
  const booker = can('programme.write');
  const evaluator = can('institution.evaluate');
  const termOptions = (terms.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }));

  const open = (a: Action) => {
    form.resetFields();
    form.setFieldsValue({ termId: a.termId ?? termOptions[0]?.value, score: 3 });
    setAction(a);
  };
  const submit = async () => {
    const v = await form.validateFields();
    const url = `${schoolUrl(schoolId)}/institutions/${action!.institutionId}`;
    const call =
      action!.kind === 'book'
        ? post(`${url}/bookings`, { courseId: action!.courseId, termId: v.termId })
        : action!.kind === 'evaluate'
          ? post(`${url}/evaluations`, { termId: v.termId, score: v.score, comment: v.comment ?? '' })
          : post(`${url}/complaints`, {
              category: v.category,
              description: v.description,
              occurredOn: (v.occurredOn as Dayjs).format('YYYY-MM-DD'),
            });
    try {
      await call;
      refresh();
      setAction(null);
      message.success(t('inst.saved'));
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e));
    }
  };

  const catalogueTab = (
    <List<CatalogueItem>
      loading={catalogue.isLoading}
      dataSource={catalogue.data ?? []}
      locale={{ emptyText: t('inst.empty') }}
      renderItem={(i) => (
        <Card
          size="small"
          style={{ marginBottom: 12 }}
          title={i.name}
          extra={<Tag>{t(`inst.kinds.${i.kind}`)}</Tag>}
        >
          <Space wrap style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{t('inst.meanScore')}</Typography.Text>
            <ScoreText score={i.meanScore} count={i.evaluationCount} />
          </Space>
          <List
            size="small"
            dataSource={i.courses}
            renderItem={(c) => (
              <List.Item
                actions={
                  booker
                    ? [
                        <Button
                          key="b"
                          size="small"
                          type="primary"
                          onClick={() =>
                            open({
                              kind: 'book',
                              institutionId: i.id,
                              name: `${i.name} · ${c.name}`,
                              courseId: c.id,
                            })
                          }
                        >
                          {t('inst.book')}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <span>{c.name}</span>
                      <Typography.Text strong>
                        {formatYuan(c.priceFen)} {t('inst.priceShort')}
                      </Typography.Text>
                    </Space>
                  }
                  description={c.description}
                />
              </List.Item>
            )}
          />
          <Space wrap style={{ marginTop: 8 }}>
            {evaluator && (
              <Button
                size="small"
                onClick={() => open({ kind: 'complain', institutionId: i.id, name: i.name })}
              >
                {t('inst.complain')}
              </Button>
            )}
            <Button size="small" type="link" onClick={() => setFeedbackOf({ id: i.id, name: i.name })}>
              {t('inst.myFeedback')}
            </Button>
          </Space>
        </Card>
      )}
    />
  );

  const actions = (b: BookingView) => (
    <Space wrap size={4}>
      {evaluator && (
        <Button
          size="small"
          onClick={() =>
            open({
              kind: 'evaluate',
              institutionId: b.institutionId,
              name: b.institutionName,
              termId: b.termId,
            })
          }
        >
          {t('inst.evaluate')}
        </Button>
      )}
      {evaluator && (
        <Button
          size="small"
          onClick={() => open({ kind: 'complain', institutionId: b.institutionId, name: b.institutionName })}
        >
          {t('inst.complain')}
        </Button>
      )}
      <Button
        size="small"
        type="link"
        onClick={() => setFeedbackOf({ id: b.institutionId, name: b.institutionName })}
      >
        {t('inst.myFeedback')}
      </Button>
    </Space>
  );

  const bookingsTab = (
    <Table<BookingView>
      size="small"
      rowKey="id"
      loading={bookings.isLoading}
      dataSource={bookings.data ?? []}
      pagination={false}
      columns={[
        {
          title: t('inst.name'),
          key: 'name',
          render: (_, b) => (
            <Space direction="vertical" size={0}>
              <span>{b.institutionName}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {b.courseName} · {formatYuan(b.priceFen)} {t('inst.priceShort')} · {b.termName}
              </Typography.Text>
              {phone && actions(b)}
            </Space>
          ),
        },
        {
          title: t('inst.status'),
          key: 'status',
          render: (_, b) => (
            <Space direction="vertical" size={0}>
              <Tag color={b.status === 'active' ? 'green' : 'default'}>
                {t(`inst.bookingStatuses.${b.status}`)}
              </Tag>
              {b.endsOn && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('inst.ends', { date: b.endsOn })}
                  {b.endReason ? ` · ${t(`inst.endReasons.${b.endReason}`)}` : ''}
                </Typography.Text>
              )}
              {b.institutionStatus !== 'approved' && (
                <Tag color={statusColor[b.institutionStatus]}>
                  {t(`inst.statuses.${b.institutionStatus}`)}
                </Tag>
              )}
            </Space>
          ),
        },
        ...(phone ? [] : [{ title: '', key: 'a', render: (_: unknown, b: BookingView) => actions(b) }]),
      ]}
    />
  );

  return (
    <Card title={t('inst.schoolTitle')} size={phone ? 'small' : undefined}>
      <Tabs
        items={[
          { key: 'catalogue', label: t('inst.catalogue'), children: catalogueTab },
          {
            key: 'bookings',
            label: `${t('inst.myBookings')} (${bookings.data?.length ?? 0})`,
            children: bookingsTab,
          },
        ]}
      />
      <Modal
        open={!!action}
        title={action ? `${t(`inst.${action.kind}`)} · ${action.name}` : ''}
        onCancel={() => setAction(null)}
        onOk={submit}
      >
        <Form form={form} layout="vertical">
          {action?.kind !== 'complain' && (
            <Form.Item
              name="termId"
              label={t('inst.term')}
              rules={[{ required: true, message: t('inst.noTerm') }]}
            >
              <Select options={termOptions} />
            </Form.Item>
          )}
          {action?.kind === 'evaluate' && (
            <>
              <Form.Item name="score" label={t('inst.score')} rules={[{ required: true }]}>
                <Rate />
              </Form.Item>
              <Form.Item name="comment" label={t('inst.comment')}>
                <Input.TextArea rows={3} maxLength={500} />
              </Form.Item>
            </>
          )}
          {action?.kind === 'complain' && (
            <>
              <Form.Item name="category" label={t('inst.category')} rules={[{ required: true }]}>
                <Select
                  options={complaintCategories.map((c) => ({ value: c, label: t(`inst.reasons.${c}`) }))}
                />
              </Form.Item>
              <Form.Item name="occurredOn" label={t('inst.occurredOn')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item
                name="description"
                label={t('inst.description')}
                rules={[{ required: true, min: 2 }]}
              >
                <Input.TextArea rows={4} maxLength={1000} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
      <FeedbackDrawer of={feedbackOf} onClose={() => setFeedbackOf(null)} />
    </Card>
  );
}

function FeedbackDrawer({ of, onClose }: { of: { id: string; name: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const feedback = useFeedback(of?.id ?? null);
  return (
    <Modal
      open={!!of}
      onCancel={onClose}
      footer={null}
      title={of ? `${t('inst.myFeedback')} · ${of.name}` : ''}
      width={phone ? '100%' : 600}
    >
      <Typography.Title level={5}>{t('inst.tabs.evaluations')}</Typography.Title>
      {feedback.data?.evaluations.length ? (
        <List
          size="small"
          dataSource={feedback.data.evaluations}
          renderItem={(e) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Rate disabled value={e.score} style={{ fontSize: 14 }} />
                    <span>{e.termName}</span>
                  </Space>
                }
                description={e.comment}
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inst.noEvaluations')} />
      )}
      <Typography.Title level={5}>{t('inst.tabs.complaints')}</Typography.Title>
      {feedback.data?.complaints.length ? (
        <List
          size="small"
          dataSource={feedback.data.complaints}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Tag color="volcano">{t(`inst.reasons.${c.category}`)}</Tag>
                    <Tag color={c.status === 'open' ? 'red' : 'default'}>
                      {t(`inst.complaintStatuses.${c.status}`)}
                    </Tag>
                    <span>{c.occurredOn}</span>
                  </Space>
                }
                description={
                  <>
                    <div>{c.description}</div>
                    {c.handledNote && <Typography.Text type="success">{c.handledNote}</Typography.Text>}
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inst.noComplaints')} />
      )}
    </Modal>
  );
}
