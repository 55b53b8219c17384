// DIST-2, one institution for the district officer: its courses and prices (added or retired,
// never edited), every school's evaluations and complaints (a complaint marked handled with a
// note), the status history with reasons, and the status changes (removal names its reason).
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan, parseYuan } from '../../../../src/features/billing/money';
import {
  type InstitutionEvent,
  institutionTransitions,
  removalReasons,
} from '../../../../src/features/district/institutions-rules';
import { post } from '../../app/api';
import { applyFieldErrors, errorMessage, useIsPhone } from '../../app/ui';
import { ScoreText, statusColor, yuanRule } from './DistrictInstitutionsPage';
import {
  type ComplaintView,
  districtInstitutionsUrl,
  useInstitution,
  useRefreshInstitutions,
} from './queries';

export function InstitutionDrawer({
  districtId,
  id,
  onClose,
  writer,
}: {
  districtId: string | undefined;
  id: string | null;
  onClose: () => void;
  writer: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const phone = useIsPhone();
  const detail = useInstitution(districtId, id);
  const refresh = useRefreshInstitutions();
  const [event, setEvent] = useState<InstitutionEvent | null>(null);
  const [handling, setHandling] = useState<ComplaintView | null>(null);
  const [eventForm] = Form.useForm();
  const [courseForm] = Form.useForm();
  const [handleForm] = Form.useForm();
  const base = `${districtInstitutionsUrl(districtId ?? '')}/${id}`;
  const d = detail.data;

  const call = async (fn: () => Promise<unknown>, form?: ReturnType<typeof Form.useForm>[0]) => {
    try {
      await fn();
      refresh();
      message.success(t('inst.saved'));
      return true;
    } catch (e) {
      if (form) applyFieldErrors(form, e);
      message.error(errorMessage(e));
      return false;
    }
  };

  const move = async () => {
    const v = await eventForm.validateFields();
    if (
      await call(
        () => post(`${base}/events`, { event, reason: v.reason ?? null, note: v.note ?? '' }),
        eventForm,
      )
    ) {
      setEvent(null);
      eventForm.resetFields();
    }
  };
  const addCourse = async () => {
    const v = await courseForm.validateFields();
    const body = {
      name: v.name,
      kind: d!.kind,
      priceFen: parseYuan(v.price),
      description: v.description ?? '',
    };
    if (await call(() => post(`${base}/courses`, body), courseForm)) courseForm.resetFields();
  };
  const handle = async () => {
    const v = await handleForm.validateFields();
    if (await call(() => post(`${base}/complaints/${handling!.id}/handle`, v), handleForm)) {
      setHandling(null);
      handleForm.resetFields();
    }
  };

  return (
    <Drawer open={!!id} onClose={onClose} width={phone ? '100%' : 720} title={d?.name ?? t('inst.detail')}>
      {d && (
        <>
          <Descriptions size="small" column={phone ? 1 : 2}>
            <Descriptions.Item label={t('inst.status')}>
              <Tag color={statusColor[d.status]}>{t(`inst.statuses.${d.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('inst.kind')}>{t(`inst.kinds.${d.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('inst.meanScore')}>
              <ScoreText score={d.meanScore} count={d.evaluationCount} />
            </Descriptions.Item>
            <Descriptions.Item label={t('inst.complaintCount')}>
              {d.complaintCount}（{t('inst.openComplaints', { n: d.openComplaintCount })}）
            </Descriptions.Item>
            <Descriptions.Item label={t('inst.bookingCount')}>{d.activeBookingCount}</Descriptions.Item>
          </Descriptions>
          {writer && (
            <Space wrap style={{ marginTop: 8, marginBottom: 12 }}>
              {(Object.keys(institutionTransitions[d.status]) as InstitutionEvent[]).map((e) => (
                <Button
                  key={e}
                  danger={e === 'remove' || e === 'suspend'}
                  type={e === 'approve' ? 'primary' : 'default'}
                  onClick={() => setEvent(e)}
                >
                  {t(`inst.events.${e}`)}
                </Button>
              ))}
            </Space>
          )}
          <Tabs
            items={[
              {
                key: 'courses',
                label: t('inst.tabs.courses'),
                children: (
                  <>
                    <List
                      size="small"
                      dataSource={d.courses}
                      renderItem={(c) => (
                        <List.Item
                          actions={
                            writer && c.status === 'active'
                              ? [
                                  <Popconfirm
                                    key="r"
                                    title={t('inst.retireConfirm')}
                                    onConfirm={() => call(() => post(`${base}/courses/${c.id}/retire`))}
                                  >
                                    <Button size="small">{t('inst.retire')}</Button>
                                  </Popconfirm>,
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
                                {c.status === 'retired' && <Tag>{t('inst.courseStatuses.retired')}</Tag>}
                              </Space>
                            }
                            description={`${c.description}${c.description ? ' · ' : ''}${t('inst.booked', { n: c.bookingCount })}`}
                          />
                        </List.Item>
                      )}
                    />
                    {writer && d.status !== 'removed' && (
                      <Form form={courseForm} layout="inline" style={{ marginTop: 12, rowGap: 8 }}>
                        <Form.Item name="name" rules={[{ required: true, min: 2 }]}>
                          <Input placeholder={t('inst.courseName')} style={{ width: 140 }} maxLength={60} />
                        </Form.Item>
                        <Form.Item
                          name="price"
                          rules={[
                            { required: true, message: t('inst.priceInvalid') },
                            yuanRule(t('inst.priceInvalid')),
                          ]}
                        >
                          <Input placeholder={t('inst.price')} style={{ width: 140 }} inputMode="decimal" />
                        </Form.Item>
                        <Form.Item name="description">
                          <Input placeholder={t('inst.description')} style={{ width: 160 }} maxLength={500} />
                        </Form.Item>
                        <Button onClick={addCourse}>{t('inst.addCourse')}</Button>
                      </Form>
                    )}
                  </>
                ),
              },
              {
                key: 'evaluations',
                label: `${t('inst.tabs.evaluations')} (${d.evaluations.length})`,
                children: (
                  <List
                    size="small"
                    dataSource={d.evaluations}
                    renderItem={(e) => (
                      <List.Item>
                        <List.Item.Meta
                          title={
                            <Space wrap>
                              <span>{e.schoolName}</span>
                              <Tag color={e.score < 3 ? 'red' : 'green'}>
                                {t('inst.score')} {e.score}
                              </Tag>
                              <Typography.Text type="secondary">{e.termName}</Typography.Text>
                            </Space>
                          }
                          description={e.comment}
                        />
                      </List.Item>
                    )}
                  />
                ),
              },
              {
                key: 'complaints',
                label: `${t('inst.tabs.complaints')} (${d.complaints.length})`,
                children: (
                  <List
                    size="small"
                    dataSource={d.complaints}
                    renderItem={(c) => (
                      <List.Item
                        actions={
                          writer && c.status === 'open'
                            ? [
                                <Button key="h" size="small" onClick={() => setHandling(c)}>
                                  {t('inst.handle')}
                                </Button>,
                              ]
                            : []
                        }
                      >
                        <List.Item.Meta
                          title={
                            <Space wrap>
                              <span>{c.schoolName}</span>
                              <Tag color="volcano">{t(`inst.reasons.${c.category}`)}</Tag>
                              <Tag color={c.status === 'open' ? 'red' : 'default'}>
                                {t(`inst.complaintStatuses.${c.status}`)}
                              </Tag>
                              <Typography.Text type="secondary">{c.occurredOn}</Typography.Text>
                            </Space>
                          }
                          description={
                            <>
                              <div>{c.description}</div>
                              {c.handledNote && (
                                <Typography.Text type="success">{c.handledNote}</Typography.Text>
                              )}
                            </>
                          }
                        />
                      </List.Item>
                    )}
                  />
                ),
              },
              {
                key: 'history',
                label: t('inst.tabs.history'),
                children: (
                  <Timeline
                    items={d.transitions.map((tr) => ({
                      color: statusColor[tr.toStatus],
                      children: (
                        <div>
                          <Space wrap>
                            <strong>{t(`inst.events.${tr.event}`)}</strong>
                            <Tag color={statusColor[tr.toStatus]}>{t(`inst.statuses.${tr.toStatus}`)}</Tag>
                            {tr.reason && <Tag color="volcano">{t(`inst.reasons.${tr.reason}`)}</Tag>}
                          </Space>
                          {tr.note && <div>{tr.note}</div>}
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {tr.byName} · {tr.at.slice(0, 16).replace('T', ' ')}
                          </Typography.Text>
                        </div>
                      ),
                    }))}
                  />
                ),
              },
            ]}
          />
        </>
      )}
      <Modal
        open={!!event}
        title={event ? t(`inst.events.${event}`) : ''}
        onCancel={() => setEvent(null)}
        onOk={move}
        okButtonProps={{ danger: event === 'remove' }}
      >
        {event === 'remove' && (
          <Typography.Paragraph type="danger">{t('inst.removeWarning')}</Typography.Paragraph>
        )}
        {event === 'suspend' && (
          <Typography.Paragraph type="warning">{t('inst.suspendWarning')}</Typography.Paragraph>
        )}
        <Form form={eventForm} layout="vertical">
          {event === 'remove' && (
            <Form.Item
              name="reason"
              label={t('inst.reason')}
              rules={[{ required: true, message: t('inst.reasonRequired') }]}
            >
              <Select options={removalReasons.map((r) => ({ value: r, label: t(`inst.reasons.${r}`) }))} />
            </Form.Item>
          )}
          <Form.Item
            name="note"
            label={t('inst.note')}
            dependencies={['reason']}
            rules={[
              ({ getFieldValue }) => ({
                required: event === 'suspend' || (event === 'remove' && getFieldValue('reason') === 'other'),
                message: t('inst.noteRequired'),
              }),
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={!!handling} title={t('inst.handle')} onCancel={() => setHandling(null)} onOk={handle}>
        {handling && <Typography.Paragraph>{handling.description}</Typography.Paragraph>}
        <Form form={handleForm} layout="vertical">
          <Form.Item name="note" label={t('inst.handleNote')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
