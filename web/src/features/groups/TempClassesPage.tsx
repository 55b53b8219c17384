// 临时班 for the school (STAFF-1, STAFF-2): per term, each offering with its enrolled and placed
// counts, generation (closed once a roll call exists), placing students enrolled later, and the
// classes with count/cap, venue and head teacher; a class opens in a drawer (ClassPanel).
import { ApartmentOutlined, DownloadOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Empty,
  Popconfirm,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { errorMessage, useIsPhone } from '../../app/ui';
import { TermPicker } from '../enrolment/parts';
import { useTermChoice } from '../enrolment/queries';
import { ClassPanel } from './ClassPanel';
import {
  type ClassView,
  type OfferingSummaries,
  useTempClassActions,
  useTempClasses,
  useTempClassOfferings,
} from './queries';

type Offering = OfferingSummaries['items'][number];

export function TempClassesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can, school } = useSession();
  const canWrite = can('tempClass.write');
  const phone = useIsPhone();
  const { terms, term, choose, loading, error } = useTermChoice('running');
  const offerings = useTempClassOfferings(term?.id);
  const classes = useTempClasses(term?.id);
  const actions = useTempClassActions();
  const [busy, setBusy] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const run = async (key: string, call: () => Promise<string>) => {
    setBusy(key);
    try {
      message.success(await call());
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
      actions.refresh();
    }
  };
  const generate = (offeringId?: string) =>
    run(offeringId ?? 'all', async () => {
      const result = await actions.generate(term!.id, offeringId);
      const made = result.offerings.reduce((s, o) => s + o.classes, 0);
      const students = result.offerings.reduce((s, o) => s + o.students, 0);
      const noVenue = result.offerings.reduce((s, o) => s + o.withoutVenue, 0);
      if (noVenue) message.warning(t('groups.withoutVenue', { count: noVenue }));
      return t('groups.generated', { classes: made, students });
    });
  const place = (offeringId: string) =>
    run(`place-${offeringId}`, async () => {
      const r = await actions.place(term!.id, offeringId);
      return t('groups.placed_result', { placed: r.placed, left: r.left, added: r.classesAdded });
    });

  if (loading) return <Spin />;
  if (error) return <Alert type="error" title={errorMessage(error)} />;
  const items = offerings.data?.items ?? [];
  const byOffering = (id: string) => (classes.data?.items ?? []).filter((c) => c.offeringId === id);

  return (
    <div>
      <h2 style={{ marginTop: 0 }}>
        <ApartmentOutlined /> {t('groups.title')}
      </h2>
      <Typography.Paragraph type="secondary">{t('groups.lead')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <TermPicker terms={terms} value={term?.id} onChange={choose} />
        {canWrite && term && (
          <Popconfirm title={t('groups.generateAllConfirm')} onConfirm={() => generate()}>
            <Button type="primary" loading={busy === 'all'} data-testid="generate-all">
              {t('groups.generateAll')}
            </Button>
          </Popconfirm>
        )}
        {canWrite && term && (
          <Button
            icon={<DownloadOutlined />}
            href={`/api/v1/schools/${school?.id}/terms/${term.id}/temp-classes/export`}
          >
            {t('groups.export')}
          </Button>
        )}
      </Space>
      {offerings.error ? <Alert type="error" title={errorMessage(offerings.error)} /> : null}
      {offerings.isLoading && <Spin />}
      {!offerings.isLoading && items.length === 0 && <Empty />}
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        {items.map((o) => (
          <OfferingCard
            key={o.id}
            offering={o}
            classes={byOffering(o.id)}
            canWrite={canWrite}
            busy={busy}
            phone={phone}
            onGenerate={() => generate(o.id)}
            onPlace={() => place(o.id)}
            onOpen={setOpen}
          />
        ))}
      </Space>
      <Drawer
        open={!!open}
        onClose={() => setOpen(null)}
        size={phone ? '100%' : 720}
        title={t('groups.members')}
        destroyOnHidden
      >
        {open && <ClassPanel classId={open} canWrite={canWrite} onChanged={actions.refresh} />}
      </Drawer>
    </div>
  );
}

function OfferingCard({
  offering: o,
  classes,
  canWrite,
  busy,
  phone,
  onGenerate,
  onPlace,
  onOpen,
}: {
  offering: Offering;
  classes: ClassView[];
  canWrite: boolean;
  busy: string | null;
  phone: boolean;
  onGenerate: () => void;
  onPlace: () => void;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const regenerate = o.classes > 0;
  return (
    <Card
      size="small"
      data-testid="offering-card"
      title={
        <Space wrap size={4}>
          <span>{o.name}</span>
          <Tag>{t(`groups.kind.${o.kind}`)}</Tag>
          <Typography.Text type="secondary">{o.sessionName}</Typography.Text>
        </Space>
      }
    >
      <Space wrap size={[16, 4]} style={{ marginBottom: 8 }}>
        <span>
          {t('groups.enrolled')} <b>{o.enrolled}</b>
        </span>
        <span>
          {t('groups.placed')} <b>{o.placed}</b>
        </span>
        <span>
          {t('groups.classes')} <b>{o.classes}</b>
        </span>
        <span>
          {t('groups.cap')} <b>{o.cap}</b>
        </span>
      </Space>
      {/* Actions sit in the body, not the card header, so they wrap on a 375 px phone. */}
      {canWrite && (
        <div style={{ marginBottom: 8 }}>
          <Space wrap size={4}>
            {o.rollCallTaken ? (
              // A tooltip does not open on a phone: the reason is written out.
              <Typography.Text type="secondary">
                <Tag color="orange">{t('groups.rollCallTaken')}</Tag>
                {t('groups.rollCallHint')}
              </Typography.Text>
            ) : (
              <Popconfirm title={t('groups.generateConfirm')} onConfirm={onGenerate} disabled={!regenerate}>
                <Button
                  size="small"
                  type={regenerate ? 'default' : 'primary'}
                  loading={busy === o.id}
                  onClick={regenerate ? undefined : onGenerate}
                >
                  {regenerate ? t('groups.regenerate') : t('groups.generate')}
                </Button>
              </Popconfirm>
            )}
            {regenerate && (
              <Button
                size="small"
                icon={<UsergroupAddOutlined />}
                loading={busy === `place-${o.id}`}
                onClick={onPlace}
              >
                {t('groups.place')}
              </Button>
            )}
          </Space>
        </div>
      )}
      {classes.length === 0 ? (
        <Typography.Text type="secondary">{t('groups.noClasses')}</Typography.Text>
      ) : (
        <Table<ClassView>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={classes}
          scroll={{ x: 'max-content' }}
          onRow={(c) => ({ onClick: () => onOpen(c.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('groups.className'), dataIndex: 'name' },
            {
              title: t('groups.count'),
              key: 'count',
              render: (_: unknown, c) => (
                <Tag color={c.count > c.cap ? 'red' : c.count === c.cap ? 'orange' : 'green'}>
                  {c.count}/{c.cap}
                </Tag>
              ),
            },
            ...(phone
              ? []
              : [
                  {
                    title: t('groups.venue'),
                    key: 'venue',
                    render: (_: unknown, c: ClassView) => c.venueName ?? '—',
                  },
                  {
                    title: t('groups.headTeacher'),
                    key: 'head',
                    render: (_: unknown, c: ClassView) => c.headTeacherName ?? t('groups.none'),
                  },
                ]),
            {
              title: t('common.actions'),
              key: 'open',
              render: (_: unknown, c) => (
                <Button size="small" type="link" onClick={() => onOpen(c.id)}>
                  {t('groups.open')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
