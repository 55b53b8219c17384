// The teacher's release page (DAY-4), for one hand in a noisy playground: choose the class, tap a
// child (big buttons; those still on site first), then type or scan the adult's code, or record an
// ID check, or let a child with a permit walk home. A child to be handed over in person asks for
// an explicit tick.
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Spin,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { pickupChild } from '../../../../src/features/daily/pickup-contract';
import { ApiError, api } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { errorMessage } from '../../app/ui';
import { schoolPath, useMyPickupClasses, usePickupClass, usePickupRefresh } from './PickupQueries';

type Child = z.infer<typeof pickupChild>;

function statusTag(child: Child, t: (k: string) => string) {
  if (child.release) {
    const key =
      child.release.status === 'walked_home'
        ? 'walkedHome'
        : child.release.status === 'confirmed'
          ? 'confirmed'
          : 'awaiting';
    return <Tag color={key === 'awaiting' ? 'gold' : 'green'}>{t(`pickup.release.${key}`)}</Tag>;
  }
  if (!child.onSite)
    return <Tag>{child.mark ? t(`pickup.release.marks.${child.mark}`) : t('pickup.release.notOnSite')}</Tag>;
  return <Tag color="blue">{t('pickup.release.onSite')}</Tag>;
}

function ReleaseDrawer({
  tempClassId,
  child,
  onClose,
}: {
  tempClassId: string;
  child: Child;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const schoolId = useSchoolId();
  const refresh = usePickupRefresh();
  const [busy, setBusy] = useState(false);
  const [ack, setAck] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const { can } = useSession();
  // A fresh key per submission: a corrected code must be a new attempt, not a replay of the first
  // refusal; a double release is refused by the server's one-release-a-day rule in any case.
  const send = async (body: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await api(
        'POST',
        `${schoolPath(schoolId)}/pickup/releases`,
        {
          tempClassId,
          studentId: child.studentId,
          ...(child.handover ? { acknowledgeHandover: ack } : {}),
          ...body,
        },
        { 'idempotency-key': crypto.randomUUID() },
      );
      message.success(t('pickup.release.done', { name: child.name }));
      void refresh();
      onClose();
    } catch (e) {
      setError({ code: e instanceof ApiError ? e.code : 'ERROR', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  // The school admin's controls: lift a code lock, set or clear "hand over in person" (篇五).
  const admin = async (method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => {
    try {
      await api(method, `${schoolPath(schoolId)}${path}`, body);
      message.success(t('common.saved'));
      setError(null);
      void refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const big = { size: 'large' as const, style: { fontSize: 20 } };
  return (
    <Drawer
      open
      onClose={onClose}
      placement="bottom"
      size="large"
      title={child.name}
      data-testid="release-drawer"
    >
      {child.handover && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('pickup.release.handover')}
          description={
            <Checkbox checked={ack} onChange={(e) => setAck(e.target.checked)} data-testid="release-ack">
              {child.handover.note} — {t('pickup.release.ack')}
            </Checkbox>
          }
        />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.message}
          style={{ marginBottom: 12 }}
          data-testid="release-error"
          action={
            error.code === 'PICKUP_LOCKED' && can('pickup.unlock') ? (
              <Button
                onClick={() => void admin('POST', '/pickup/unlock', { studentId: child.studentId })}
                data-testid="release-unlock"
              >
                {t('pickup.release.unlock')}
              </Button>
            ) : undefined
          }
        />
      )}
      <Tabs
        items={[
          {
            key: 'code',
            label: t('pickup.release.code'),
            children: (
              <Form
                layout="vertical"
                onFinish={(v: { code: string }) => {
                  const text = v.code.trim();
                  return send(
                    text.startsWith('KH1:') ? { method: 'code', qr: text } : { method: 'code', code: text },
                  );
                }}
              >
                <Form.Item name="code" label={t('pickup.release.codeHint')} rules={[{ required: true }]}>
                  <Input
                    {...big}
                    inputMode="numeric"
                    autoComplete="off"
                    autoFocus
                    maxLength={80}
                    data-testid="release-code"
                  />
                </Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  block
                  loading={busy}
                  {...big}
                  data-testid="release-submit"
                >
                  {t('pickup.release.submit')}
                </Button>
              </Form>
            ),
          },
          {
            key: 'id',
            label: t('pickup.release.idCheck'),
            children: (
              <Form
                layout="vertical"
                onFinish={(v: { adultId: string; idLast4: string; note?: string }) =>
                  send({ method: 'id_check', ...v, note: v.note ?? '' })
                }
              >
                <Form.Item name="adultId" label={t('pickup.release.adult')} rules={[{ required: true }]}>
                  <Select
                    {...big}
                    options={child.adults.map((a) => ({ value: a.id, label: `${a.name}（${a.relation}）` }))}
                    data-testid="release-adult"
                  />
                </Form.Item>
                <Form.Item
                  name="idLast4"
                  label={t('pickup.release.idLast4')}
                  rules={[{ required: true, pattern: /^[0-9]{3}[0-9Xx]$/ }]}
                >
                  <Input {...big} maxLength={4} autoComplete="off" data-testid="release-id-last4" />
                </Form.Item>
                <Form.Item name="note" label={t('pickup.release.note')}>
                  <Input maxLength={200} />
                </Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  block
                  loading={busy}
                  {...big}
                  data-testid="release-id-submit"
                >
                  {t('pickup.release.submit')}
                </Button>
              </Form>
            ),
          },
          ...(child.walkHomeToday
            ? [
                {
                  key: 'walk',
                  label: t('pickup.release.walkHomeTab'),
                  children: (
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      <Alert type="info" title={t('pickup.release.walkHomeHint')} />
                      <Button
                        type="primary"
                        block
                        loading={busy}
                        {...big}
                        onClick={() => send({ method: 'walk_home' })}
                        data-testid="release-walk"
                      >
                        {t('pickup.release.submit')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {can('pickup.flag') && (
        <Form
          layout="inline"
          style={{ marginTop: 16 }}
          initialValues={{ note: child.handover?.note ?? '' }}
          onFinish={(v: { note: string }) =>
            v.note.trim()
              ? admin('PUT', `/students/${child.studentId}/handover-flag`, { note: v.note.trim() })
              : admin('DELETE', `/students/${child.studentId}/handover-flag`)
          }
        >
          <Form.Item name="note" label={t('pickup.release.handover')}>
            <Input
              maxLength={200}
              placeholder={t('pickup.release.flagHint')}
              data-testid="release-flag-note"
            />
          </Form.Item>
          <Button htmlType="submit" data-testid="release-flag-save">
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Drawer>
  );
}

export function PickupReleasePage() {
  const { t } = useTranslation();
  const classes = useMyPickupClasses();
  const [chosen, setChosen] = useState<string | undefined>();
  const classId = chosen ?? classes.data?.classes[0]?.id;
  const cls = usePickupClass(classId);
  const [child, setChild] = useState<Child | null>(null);
  if (classes.isLoading) return <Spin />;
  if (classes.error) return <Alert type="error" title={errorMessage(classes.error)} />;
  const list = classes.data?.classes ?? [];
  if (list.length === 0) return <Empty description={t('pickup.release.noClasses')} />;
  // Children still on site first, then the rest.
  const children = [...(cls.data?.children ?? [])].sort(
    (a, b) => Number(!(a.onSite && !a.release)) - Number(!(b.onSite && !b.release)),
  );
  return (
    <div data-testid="release-page">
      <h2 style={{ marginTop: 0 }}>{t('pickup.release.title')}</h2>
      <Select
        size="large"
        style={{ width: '100%', marginBottom: 12 }}
        value={classId}
        onChange={setChosen}
        options={list.map((c) => ({ value: c.id, label: `${c.name} · ${c.sessionName} ${c.endsAt}` }))}
        data-testid="release-class"
      />
      {cls.data && !cls.data.rollTaken && (
        <Alert type="warning" title={t('pickup.release.noRoll')} style={{ marginBottom: 12 }} />
      )}
      {cls.isLoading && <Spin />}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 8 }}>
        {children.map((c) => (
          <Card
            key={c.studentId}
            size="small"
            hoverable={c.onSite && !c.release}
            onClick={() => c.onSite && !c.release && classId && setChild(c)}
            style={{ opacity: c.onSite && !c.release ? 1 : 0.55, minHeight: 72 }}
            data-testid="release-child"
          >
            <div style={{ fontSize: 20, fontWeight: 600 }}>{c.name}</div>
            <Space size={4} wrap>
              {statusTag(c, t)}
              {c.handover && <Tag color="red">{t('pickup.release.handover')}</Tag>}
              {c.walkHomeToday && !c.release && <Tag color="purple">{t('pickup.release.walkHome')}</Tag>}
            </Space>
          </Card>
        ))}
      </div>
      {child && classId && (
        <ReleaseDrawer tempClassId={classId} child={child} onClose={() => setChild(null)} />
      )}
    </div>
  );
}
