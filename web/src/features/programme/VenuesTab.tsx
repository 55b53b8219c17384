// The school's venues (PROG-6): capacity, and the fire-safety check a nap venue needs before use.
import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VenueView } from '../../../../src/features/programme/contract';
import { venueKinds } from '../../../../src/features/programme/rules';
import { del, patch, post } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { FormModal, required } from './FormModal';
import { schoolUrl, useRefresh, useVenues } from './queries';

interface Values {
  name: string;
  kind: VenueView['kind'];
  capacity: number;
  fireSafe?: boolean;
  checkedOn?: Dayjs | null;
}

function VenueForm({
  venue,
  open,
  onClose,
}: {
  venue: VenueView | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const refresh = useRefresh();
  const initial: Partial<Values> = venue
    ? { ...venue, checkedOn: venue.fireSafeCheckedOn ? dayjs(venue.fireSafeCheckedOn) : null }
    : { kind: 'classroom', capacity: 40, fireSafe: false };
  const submit = async (v: Values) => {
    const body = {
      name: v.name,
      kind: v.kind,
      capacity: v.capacity,
      fireSafe: !!v.fireSafe,
      fireSafeCheckedOn: v.fireSafe && v.checkedOn ? v.checkedOn.format('YYYY-MM-DD') : null,
    };
    const url = `${schoolUrl(schoolId)}/venues`;
    await (venue ? patch(`${url}/${venue.id}`, body) : post(url, body));
    await refresh();
  };
  return (
    <FormModal<Values>
      open={open}
      title={venue ? t('programme.venue.edit') : t('programme.venue.add')}
      initialValues={initial}
      onClose={onClose}
      onSubmit={submit}
    >
      <Form.Item name="name" label={t('programme.venue.name')} rules={required(t)}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="kind" label={t('programme.venue.kind')} rules={required(t)}>
        <Select options={venueKinds.map((k) => ({ value: k, label: t(`programme.venueKind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="capacity" label={t('programme.venue.capacity')} rules={required(t)}>
        <InputNumber min={1} max={5000} />
      </Form.Item>
      <Form.Item
        name="fireSafe"
        label={t('programme.venue.fireSafe')}
        valuePropName="checked"
        extra={t('programme.venue.napHint')}
      >
        <Switch />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.fireSafe !== b.fireSafe}>
        {({ getFieldValue }) =>
          getFieldValue('fireSafe') && (
            <Form.Item name="checkedOn" label={t('programme.venue.checkedOn')} rules={required(t)}>
              <DatePicker inputReadOnly />
            </Form.Item>
          )
        }
      </Form.Item>
    </FormModal>
  );
}

export function FireTag({ venue }: { venue: Pick<VenueView, 'fireSafe' | 'fireSafeCheckedOn' | 'kind'> }) {
  const { t } = useTranslation();
  if (venue.fireSafe)
    return <Tag color="green">{`${t('programme.venue.fireSafeTag')} ${venue.fireSafeCheckedOn ?? ''}`}</Tag>;
  return venue.kind === 'nap_room' ? <Tag color="red">{t('programme.venue.notChecked')}</Tag> : null;
}

export function VenuesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const schoolId = useSchoolId();
  const phone = useIsPhone();
  const writable = useSession().can('programme.write');
  const venues = useVenues();
  const refresh = useRefresh();
  const [editing, setEditing] = useState<VenueView | null>(null);
  const [adding, setAdding] = useState(false);
  const rows = venues.data?.items ?? [];

  const remove = async (v: VenueView) => {
    try {
      await del(`${schoolUrl(schoolId)}/venues/${v.id}`);
      await refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const actions = (v: VenueView) =>
    writable && (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => setEditing(v)}>
          {t('programme.common.edit')}
        </Button>
        <Popconfirm title={t('programme.common.deleteConfirm')} onConfirm={() => remove(v)}>
          <Button type="link" size="small" danger>
            {t('programme.common.delete')}
          </Button>
        </Popconfirm>
      </Space>
    );

  return (
    <Card
      size={phone ? 'small' : undefined}
      title={t('programme.tabs.venues')}
      extra={
        writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('programme.venue.add')}
          </Button>
        )
      }
    >
      <Alert type="info" showIcon title={t('programme.venue.napHint')} style={{ marginBottom: 12 }} />
      {phone ? (
        <List<VenueView>
          loading={venues.isLoading}
          dataSource={rows}
          locale={{ emptyText: t('programme.venue.empty') }}
          renderItem={(v) => (
            <List.Item actions={[actions(v)]}>
              <List.Item.Meta
                title={v.name}
                description={
                  <>
                    {t(`programme.venueKind.${v.kind}`)} ·{' '}
                    {t('programme.common.people', { count: v.capacity })} <FireTag venue={v} />
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<VenueView>
          rowKey="id"
          loading={venues.isLoading}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t('programme.venue.empty') }}
          columns={[
            { title: t('programme.venue.name'), dataIndex: 'name' },
            {
              title: t('programme.venue.kind'),
              dataIndex: 'kind',
              render: (k: string) => t(`programme.venueKind.${k}`),
            },
            { title: t('programme.venue.capacity'), dataIndex: 'capacity' },
            { title: t('programme.venue.fireSafeTag'), key: 'fire', render: (_, v) => <FireTag venue={v} /> },
            { title: t('common.actions'), key: 'actions', render: (_, v) => actions(v) },
          ]}
        />
      )}
      <VenueForm
        venue={editing}
        open={adding || !!editing}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
      />
    </Card>
  );
}
