// The parent's phone page (DAY-4, DAY-5): each child's authorised adults with their pickup code
// and QR (tap to reveal), a new code, releases to confirm, and the walk-home permit.
import { EyeInvisibleOutlined, EyeOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, List, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { post } from '../../app/api';
import { useSchoolId } from '../../app/session';
import { classText, errorMessage } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { useStudents } from '../people/queries';
import { PermitCard } from './PermitCard';
import { schoolPath, useFamilyReleases, usePickupAdults, usePickupRefresh } from './PickupQueries';

function AdultCodes({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const adults = usePickupAdults(studentId);
  const refresh = usePickupRefresh();
  const { save, busy } = useSave();
  const [shown, setShown] = useState<string | null>(null);
  if (adults.isLoading) return <Spin />;
  if (adults.error) return <Alert type="error" title={errorMessage(adults.error)} />;
  const list = adults.data?.adults ?? [];
  if (list.length === 0) return <Empty description={t('pickup.family.noAdults')} />;
  return (
    <List
      dataSource={list}
      renderItem={(a) => (
        <List.Item data-testid="pickup-adult">
          <div style={{ width: '100%' }}>
            <Space wrap>
              <strong>{a.name}</strong>
              <span>{a.relation}</span>
              {a.revokedAt && <Tag color="red">{t('pickup.family.revoked')}</Tag>}
            </Space>
            {!a.revokedAt && (
              <div style={{ marginTop: 8 }}>
                {shown === a.id && a.code ? (
                  <Space orientation="vertical" align="center" style={{ width: '100%' }}>
                    <div
                      data-testid="pickup-code"
                      style={{ fontSize: 40, letterSpacing: 8, fontWeight: 700 }}
                    >
                      {a.code}
                    </div>
                    {a.qrDataUrl && (
                      <img src={a.qrDataUrl} alt="QR" width={200} height={200} data-testid="pickup-qr" />
                    )}
                    <Button icon={<EyeInvisibleOutlined />} onClick={() => setShown(null)}>
                      {t('pickup.family.hide')}
                    </Button>
                  </Space>
                ) : (
                  <Space wrap>
                    <Button
                      size="large"
                      icon={<EyeOutlined />}
                      disabled={!a.code}
                      onClick={() => setShown(a.id)}
                      data-testid="pickup-reveal"
                    >
                      {a.code ? t('pickup.family.reveal') : t('pickup.family.noCode')}
                    </Button>
                    <Popconfirm
                      title={t('pickup.family.renewConfirm')}
                      onConfirm={() =>
                        save(
                          () =>
                            post(`${schoolPath(schoolId)}/students/${studentId}/pickup-adults/${a.id}/code`),
                          () => {
                            void refresh();
                            setShown(a.id);
                          },
                          undefined,
                          t('pickup.family.renewed'),
                        )
                      }
                    >
                      <Button icon={<ReloadOutlined />} loading={busy} data-testid="pickup-renew">
                        {t('pickup.family.renew')}
                      </Button>
                    </Popconfirm>
                  </Space>
                )}
              </div>
            )}
          </div>
        </List.Item>
      )}
    />
  );
}

function Releases({ focus }: { focus?: string }) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const releases = useFamilyReleases();
  const refresh = usePickupRefresh();
  const { save, busy } = useSave();
  const items = releases.data?.items ?? [];
  const waiting = items.filter((r) => r.status === 'awaiting_confirmation');
  return (
    <Card title={t('pickup.family.confirmTitle')} size="small" style={{ marginBottom: 12 }}>
      {waiting.length === 0 && (
        <Empty description={t('pickup.family.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
      {waiting.map((r) => (
        <Alert
          key={r.id}
          type={r.id === focus ? 'warning' : 'info'}
          style={{ marginBottom: 8 }}
          title={`${r.studentName} → ${r.adultName ?? ''} · ${dayjs(r.releasedAt).format('HH:mm')}`}
          description={t('pickup.family.confirmHint')}
          action={
            <Button
              type="primary"
              size="large"
              loading={busy}
              data-testid="pickup-confirm"
              onClick={() =>
                save(
                  () => post(`${schoolPath(schoolId)}/pickup/releases/${r.id}/confirm`),
                  () => void refresh(),
                  undefined,
                  t('pickup.family.confirmed'),
                )
              }
            >
              {t('pickup.family.confirmButton')}
            </Button>
          }
        />
      ))}
      {items.length > waiting.length && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('pickup.family.history')}：
          {items
            .filter((r) => r.status !== 'awaiting_confirmation')
            .map((r) => `${r.date} ${r.studentName}`)
            .join('，')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

export function PickupFamilyPage() {
  const { t } = useTranslation();
  const { releaseId } = useParams();
  const students = useStudents({ pageSize: 50 });
  if (students.isLoading) return <Spin />;
  return (
    <div data-testid="pickup-family-page">
      <h2 style={{ marginTop: 0 }}>{t('pickup.family.title')}</h2>
      <Releases {...(releaseId ? { focus: releaseId } : {})} />
      {(students.data?.items ?? []).map((c) => (
        <Card
          key={c.id}
          title={`${c.name} · ${classText(c.grade, c.classNo)}`}
          style={{ marginBottom: 12 }}
          size="small"
        >
          <Typography.Paragraph type="secondary">{t('pickup.family.adultsHint')}</Typography.Paragraph>
          <AdultCodes studentId={c.id} />
          <PermitCard studentId={c.id} studentName={c.name} />
        </Card>
      ))}
    </div>
  );
}
