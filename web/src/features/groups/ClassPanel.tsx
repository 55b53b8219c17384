// One temporary class (STAFF-3): its settings (name, venue, temporary head teacher), the three papers
// to print, and its students with a move dialog (the server checks the cap and says which class is
// full) and a seat change (an occupied seat is swapped).
import { PrinterOutlined, SwapOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { classText, errorMessage, useIsPhone } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { newIdempotencyKey } from '../enrolment/idempotency';
import { useVenues } from '../programme/queries';
import { type ClassDetail, useTempClass, useTempClassActions, useTempClasses } from './queries';

type Member = ClassDetail['members'][number];

export function ClassPanel({
  classId,
  canWrite,
  onChanged,
}: {
  classId: string;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const detail = useTempClass(classId);
  const [moving, setMoving] = useState<Member | null>(null);
  const [seating, setSeating] = useState<Member | null>(null);
  const [month, setMonth] = useState<Dayjs | null>(null);
  const [week, setWeek] = useState<Dayjs | null>(null);
  if (detail.isLoading) return <Spin />;
  if (detail.error || !detail.data) return <Alert type="error" title={errorMessage(detail.error)} />;
  const { class: c, members } = detail.data;
  const printUrl = (sheet: string, extra = '') => `/print/temp-class/${c.id}?sheet=${sheet}${extra}`;

  return (
    <div data-testid="class-panel">
      <Descriptions size="small" column={phone ? 1 : 2} bordered>
        <Descriptions.Item label={t('groups.className')}>{c.name}</Descriptions.Item>
        <Descriptions.Item label={t('groups.offering')}>
          {c.offeringName} · {c.sessionName}
        </Descriptions.Item>
        <Descriptions.Item label={t('groups.count')}>
          {c.count}/{c.cap}
        </Descriptions.Item>
        <Descriptions.Item label={t('groups.venue')}>{c.venueName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('groups.headTeacher')}>
          {c.headTeacherName ?? t('groups.none')}
        </Descriptions.Item>
      </Descriptions>
      {canWrite && <ClassSettings detail={detail.data} onChanged={onChanged} />}
      <Divider titlePlacement="start">
        <PrinterOutlined /> {t('groups.print')}
      </Divider>
      <Space wrap>
        <Button onClick={() => navigate(printUrl('roster'))}>{t('groups.printRoster')}</Button>
        <Button onClick={() => navigate(printUrl('seats'))}>{t('groups.printSeats')}</Button>
        <DatePicker
          picker="month"
          value={month}
          onChange={(v) => {
            setMonth(v);
            setWeek(null);
          }}
          placeholder={t('groups.month')}
        />
        <DatePicker
          picker="week"
          value={week}
          onChange={(v) => {
            setWeek(v);
            setMonth(null);
          }}
          placeholder={t('groups.week')}
        />
        <Button
          onClick={() =>
            navigate(
              printUrl(
                'roll',
                // A week's sheet starts on its Monday; a month's covers it whole (default: the term's first).
                week
                  ? `&from=${week.day(1).format('YYYY-MM-DD')}`
                  : month
                    ? `&month=${month.format('YYYY-MM')}`
                    : '',
              ),
            )
          }
        >
          {t('groups.printRoll')}
        </Button>
      </Space>
      <Divider titlePlacement="start">{t('groups.members')}</Divider>
      <Table<Member>
        size="small"
        rowKey="studentId"
        dataSource={members}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('groups.seat'), dataIndex: 'seatNo', width: 56 },
          { title: t('groups.name'), dataIndex: 'name' },
          {
            title: t('groups.homeClass'),
            key: 'home',
            render: (_: unknown, m) => classText(m.grade, m.classNo),
          },
          ...(phone ? [] : [{ title: t('groups.gender'), dataIndex: 'gender' }]),
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, m: Member) => (
                    <Space size={0}>
                      <Button size="small" type="link" icon={<SwapOutlined />} onClick={() => setMoving(m)}>
                        {t('groups.move')}
                      </Button>
                      <Button size="small" type="link" onClick={() => setSeating(m)}>
                        {t('groups.seatTo')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {moving && (
        <MoveDialog
          detail={detail.data}
          member={moving}
          onClose={() => setMoving(null)}
          onChanged={onChanged}
        />
      )}
      {seating && (
        <SeatDialog
          detail={detail.data}
          member={seating}
          onClose={() => setSeating(null)}
          onChanged={onChanged}
        />
      )}
    </div>
  );
}

function ClassSettings({ detail, onChanged }: { detail: ClassDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { save, busy } = useSave();
  const actions = useTempClassActions();
  const venues = useVenues();
  const c = detail.class;
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ marginTop: 12 }}
      initialValues={{ name: c.name, venueId: c.venueId, headTeacherId: c.headTeacherId }}
      onFinish={(values: { name: string; venueId?: string | null; headTeacherId?: string | null }) =>
        save(
          () =>
            actions.update(c.id, {
              name: values.name,
              venueId: values.venueId ?? null,
              headTeacherId: values.headTeacherId ?? null,
            }),
          onChanged,
          form,
        )
      }
    >
      <Space wrap align="end">
        <Form.Item name="name" label={t('groups.className')} rules={[{ required: true, max: 40 }]}>
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="venueId" label={t('groups.venue')}>
          <Select
            allowClear
            style={{ width: 180 }}
            loading={venues.isLoading}
            options={(venues.data?.items ?? []).map((v) => ({
              value: v.id,
              label: `${v.name}（${v.capacity}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="headTeacherId" label={t('groups.headTeacher')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 180 }}
            options={detail.teachers.map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Form.Item>
      </Space>
    </Form>
  );
}

function MoveDialog({
  detail,
  member,
  onClose,
  onChanged,
}: {
  detail: ClassDetail;
  member: Member;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const actions = useTempClassActions();
  const siblings = useTempClasses(detail.class.termId);
  const [target, setTarget] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per dialog: pressing OK again after a lost answer cannot move the student twice.
  const [key] = useState(newIdempotencyKey);
  const options = (siblings.data?.items ?? [])
    .filter((c) => c.offeringId === detail.class.offeringId && c.id !== detail.class.id)
    .map((c) => ({ value: c.id, label: `${c.name}（${c.count}/${c.cap}）` }));
  const submit = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      await actions.move(detail.class.id, member.studentId, target, key);
      message.success(t('groups.moved'));
      onChanged();
      onClose();
    } catch (e) {
      // The cap refusal names the class and its cap; it stays in the dialog to read.
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('groups.moveTitle', { name: member.name })}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{ disabled: !target, loading: busy }}
    >
      <Select
        aria-label={t('groups.moveTo')}
        placeholder={t('groups.moveTo')}
        style={{ width: '100%' }}
        loading={siblings.isLoading}
        value={target}
        onChange={setTarget}
        options={options}
      />
      {error && <Alert style={{ marginTop: 12 }} type="error" title={error} data-testid="move-error" />}
    </Modal>
  );
}

function SeatDialog({
  detail,
  member,
  onClose,
  onChanged,
}: {
  detail: ClassDetail;
  member: Member;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { save, busy } = useSave();
  const actions = useTempClassActions();
  const [seat, setSeat] = useState<number | null>(member.seatNo);
  return (
    <Modal
      open
      title={`${t('groups.seatTo')} · ${member.name}`}
      onCancel={onClose}
      okButtonProps={{ disabled: !seat, loading: busy }}
      onOk={async () => {
        if (seat && (await save(() => actions.seat(detail.class.id, member.studentId, seat), onChanged)))
          onClose();
      }}
    >
      <Space orientation="vertical">
        <InputNumber
          min={1}
          max={detail.class.cap}
          value={seat}
          onChange={(v) => setSeat(v)}
          addonBefore={t('groups.seatNo')}
        />
        <Typography.Text type="secondary">{t('groups.seatHint')}</Typography.Text>
      </Space>
    </Modal>
  );
}
