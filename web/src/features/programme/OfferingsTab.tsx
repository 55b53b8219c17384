// Offerings of a term (PROG-5): content kind, session, venue, places, teacher and fee. Subject
// teaching is refused by the server (严禁集体补课) and the form shows the refusal.
import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfferingView } from '../../../../src/features/programme/contract';
import { clubCategories, feeBases, offeringKinds } from '../../../../src/features/programme/rules';
import { del, patch, post } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { useStaff } from '../people/queries';
import { FormModal, required } from './FormModal';
import { feeLabel } from './labels';
import { termUrl, useOfferings, useRefresh, useSessions, useVenues } from './queries';

interface Values {
  sessionId: string;
  kind: OfferingView['kind'];
  category?: OfferingView['category'];
  name: string;
  description?: string;
  venueId?: string | null;
  capacity: number;
  teacherUserId?: string | null;
  teacherName?: string;
  feeBasis?: OfferingView['feeBasis'];
  feeYuan?: number | null;
}

function OfferingForm({
  termId,
  offering,
  open,
  onClose,
}: {
  termId: string;
  offering: OfferingView | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const refresh = useRefresh();
  const sessions = useSessions(termId).data?.items ?? [];
  const venues = useVenues().data?.items ?? [];
  const staff = (useStaff().data ?? []).filter(
    (m) => !m.disabled && m.grants.some((g) => g.role !== 'parent'),
  );
  const initial: Partial<Values> = offering
    ? {
        ...offering,
        teacherName: offering.teacherUserId ? '' : (offering.teacherName ?? ''),
        feeYuan: offering.feeFen === null ? null : offering.feeFen / 100,
      }
    : {
        kind: 'club',
        capacity: 30,
        sessionId: (sessions.find((s) => s.kind === 'afternoon') ?? sessions[0])?.id,
        feeBasis: 'class_hour',
      };
  const submit = async (v: Values) => {
    const hasFee = v.feeYuan !== null && v.feeYuan !== undefined;
    const body = {
      sessionId: v.sessionId,
      kind: v.kind,
      category: v.kind === 'club' ? (v.category ?? null) : null,
      name: v.name,
      description: v.description ?? '',
      venueId: v.venueId ?? null,
      capacity: v.capacity,
      teacherUserId: v.teacherUserId ?? null,
      teacherName: v.teacherUserId ? null : v.teacherName?.trim() || null,
      feeBasis: hasFee ? (v.feeBasis ?? 'class_hour') : null,
      feeFen: hasFee ? Math.round(v.feeYuan! * 100) : null,
    };
    const url = `${termUrl(schoolId, termId)}/offerings`;
    await (offering ? patch(`${url}/${offering.id}`, body) : post(url, body));
    await refresh();
  };
  return (
    <FormModal<Values>
      open={open}
      title={offering ? t('programme.offering.edit') : t('programme.offering.add')}
      initialValues={initial}
      onClose={onClose}
      onSubmit={submit}
    >
      <Alert type="warning" showIcon title={t('programme.offering.rule')} style={{ marginBottom: 12 }} />
      <Form.Item name="name" label={t('programme.offering.name')} rules={required(t)}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="kind" label={t('programme.offering.kind')} rules={required(t)}>
        <Select options={offeringKinds.map((k) => ({ value: k, label: t(`programme.offeringKind.${k}`) }))} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
        {({ getFieldValue }) =>
          getFieldValue('kind') === 'club' && (
            <Form.Item name="category" label={t('programme.offering.category')} rules={required(t)}>
              <Select
                options={clubCategories.map((c) => ({ value: c, label: t(`programme.clubCategory.${c}`) }))}
              />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item name="sessionId" label={t('programme.offering.session')} rules={required(t)}>
        <Select
          options={sessions.map((s) => ({ value: s.id, label: `${s.name} ${s.startsAt}–${s.endsAt}` }))}
        />
      </Form.Item>
      <Form.Item name="venueId" label={t('programme.offering.venue')}>
        <Select
          allowClear
          placeholder={t('programme.offering.noVenue')}
          options={venues.map((v) => ({
            value: v.id,
            label: `${v.name}（${t('programme.common.people', { count: v.capacity })}）`,
          }))}
        />
      </Form.Item>
      <Form.Item name="capacity" label={t('programme.offering.capacity')} rules={required(t)}>
        <InputNumber min={1} max={5000} />
      </Form.Item>
      <Form.Item name="teacherUserId" label={t('programme.offering.teacher')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('programme.offering.teacherStaff')}
          options={staff.map((m) => ({ value: m.userId, label: m.displayName }))}
        />
      </Form.Item>
      <Form.Item name="teacherName" label={t('programme.offering.teacherName')}>
        <Input maxLength={30} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="feeBasis" label={t('programme.offering.feeBasis')}>
          <Select
            style={{ width: 130 }}
            options={feeBases.map((b) => ({ value: b, label: t(`programme.feeBasis.${b}`) }))}
          />
        </Form.Item>
        <Form.Item name="feeYuan" label={t('programme.offering.feeYuan')}>
          <InputNumber min={0} max={100000} step={0.5} precision={2} />
        </Form.Item>
      </Space>
      <Form.Item name="description" label={t('programme.offering.description')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}

export function OfferingsTab({ termId }: { termId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const schoolId = useSchoolId();
  const phone = useIsPhone();
  const writable = useSession().can('programme.write');
  const offerings = useOfferings(termId);
  const sessions = useSessions(termId).data?.items ?? [];
  const refresh = useRefresh();
  const [editing, setEditing] = useState<OfferingView | null>(null);
  const [adding, setAdding] = useState(false);
  const rows = offerings.data?.items ?? [];
  const sessionName = (id: string) => {
    const s = sessions.find((x) => x.id === id);
    return s ? `${s.name} ${s.startsAt}–${s.endsAt}` : '';
  };
  const kindTags = (o: OfferingView) => (
    <>
      <Tag color={o.kind === 'homework_care' ? 'green' : 'default'}>
        {t(`programme.offeringKind.${o.kind}`)}
      </Tag>
      {o.category && <Tag>{t(`programme.clubCategory.${o.category}`)}</Tag>}
    </>
  );

  const remove = async (o: OfferingView) => {
    try {
      await del(`${termUrl(schoolId, termId)}/offerings/${o.id}`);
      await refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const actions = (o: OfferingView) =>
    writable && (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => setEditing(o)}>
          {t('programme.common.edit')}
        </Button>
        <Popconfirm title={t('programme.common.deleteConfirm')} onConfirm={() => remove(o)}>
          <Button type="link" size="small" danger>
            {t('programme.common.delete')}
          </Button>
        </Popconfirm>
      </Space>
    );

  return (
    <Card
      size={phone ? 'small' : undefined}
      title={t('programme.tabs.offerings')}
      extra={
        writable && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            disabled={!sessions.length}
          >
            {t('programme.offering.add')}
          </Button>
        )
      }
    >
      {phone ? (
        <List<OfferingView>
          loading={offerings.isLoading}
          dataSource={rows}
          locale={{ emptyText: t('programme.offering.empty') }}
          renderItem={(o) => (
            <List.Item actions={[actions(o)]}>
              <List.Item.Meta
                title={
                  <span>
                    {o.name} {kindTags(o)}
                  </span>
                }
                description={
                  <>
                    <div>{sessionName(o.sessionId)}</div>
                    <div>
                      {o.venueName ?? t('programme.offering.noVenue')} ·{' '}
                      {t('programme.common.people', { count: o.capacity })} · {feeLabel(t, o)}
                    </div>
                    {o.teacherName && <div>{o.teacherName}</div>}
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<OfferingView>
          rowKey="id"
          loading={offerings.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('programme.offering.empty') }}
          columns={[
            { title: t('programme.offering.name'), dataIndex: 'name' },
            { title: t('programme.offering.kind'), key: 'kind', render: (_, o) => kindTags(o) },
            {
              title: t('programme.offering.session'),
              key: 'session',
              render: (_, o) => sessionName(o.sessionId),
            },
            {
              title: t('programme.offering.venue'),
              dataIndex: 'venueName',
              render: (v: string | null) => v ?? t('programme.common.none'),
            },
            { title: t('programme.offering.capacity'), dataIndex: 'capacity' },
            {
              title: t('programme.offering.teacher'),
              dataIndex: 'teacherName',
              render: (v: string | null) => v ?? t('programme.common.none'),
            },
            { title: t('programme.offering.fee'), key: 'fee', render: (_, o) => feeLabel(t, o) },
            { title: t('common.actions'), key: 'actions', render: (_, o) => actions(o) },
          ]}
        />
      )}
      <OfferingForm
        termId={termId}
        offering={editing}
        open={adding || !!editing}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
      />
    </Card>
  );
}
