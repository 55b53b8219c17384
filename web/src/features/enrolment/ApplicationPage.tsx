// One application: its progress, the chosen offerings with places and waitlist positions (and an
// offer from the waitlist to accept or decline before its deadline), the agreement to sign, the
// separate consent question, the published list, and a withdrawal request. Staff see it read-only.
import { ArrowLeftOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Popconfirm, Result, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { ApplicationLineView, ApplicationView } from '../../../../src/features/enrolment/contract';
import type { OfferView } from '../../../../src/features/enrolment/draw-contract';
import { post } from '../../app/api';
import { useSchoolId, useSession } from '../../app/session';
import { classText, errorMessage } from '../../app/ui';
import { useSave } from '../../app/useSave';
import { AgreementCard, ConsentCard } from './AgreementCard';
import { useIdempotentWrite } from './idempotency';
import { ProgressCard } from './ProgressCard';
import { AppStatusTag, LineTag } from './parts';
import { paths } from './paths';
import { schoolApi, useApplication, useRefreshEnrolment } from './queries';
import { WithdrawalCard } from './WithdrawalCard';

function LinesCard({ application, isFamily }: { application: ApplicationView; isFamily: boolean }) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const refresh = useRefreshEnrolment();
  const { save, busy } = useSave();
  const groups = new Map<number, ApplicationLineView[]>();
  for (const line of application.lines)
    groups.set(line.choiceGroup, [...(groups.get(line.choiceGroup) ?? []), line]);
  const act = (line: ApplicationLineView, what: 'accept' | 'decline') =>
    save(
      () => post<OfferView>(`${schoolApi(schoolId)}/offers/${line.id}/${what}`),
      () => refresh(),
    );

  return (
    <Card size="small" title={t('enrol.choices')}>
      <Space orientation="vertical" size={10} style={{ width: '100%' }}>
        {[...groups.entries()]
          .sort(([x], [y]) => x - y)
          .map(([group, lines]) => (
            <div key={group} className="kh-choice">
              {lines
                .sort((x, y) => x.choiceRank - y.choiceRank)
                .map((line) => (
                  <div key={line.id} data-testid="application-line">
                    <div className="kh-line">
                      <span>
                        {lines.length > 1 && (
                          <Typography.Text type="secondary">
                            {line.choiceRank === 1 ? t('enrol.firstChoice') : t('enrol.secondChoice')}
                            {t('enrol.colon')}
                          </Typography.Text>
                        )}
                        {line.offeringName}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {' '}
                          {line.sessionName}
                        </Typography.Text>
                      </span>
                      <LineTag line={line} />
                    </div>
                    {isFamily && line.status === 'offered' && line.offerExpiresAt && (
                      <Alert
                        type="warning"
                        showIcon
                        style={{ marginTop: 6 }}
                        title={t('enrol.offerDeadline', {
                          time: dayjs(line.offerExpiresAt).format('YYYY-MM-DD HH:mm'),
                        })}
                        action={
                          <Space orientation="vertical" size={4}>
                            {application.status !== 'offered' && (
                              <Button
                                size="small"
                                type="primary"
                                loading={busy}
                                onClick={() => act(line, 'accept')}
                              >
                                {t('enrol.accept')}
                              </Button>
                            )}
                            <Popconfirm
                              title={t('enrol.declineConfirm')}
                              onConfirm={() => act(line, 'decline')}
                            >
                              <Button size="small" danger loading={busy}>
                                {t('enrol.decline')}
                              </Button>
                            </Popconfirm>
                          </Space>
                        }
                      />
                    )}
                  </div>
                ))}
            </div>
          ))}
      </Space>
      {application.conditions.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 10, marginBottom: 0 }}>
          {t('enrol.conditionsConfirmed')}
          {application.conditions
            .filter((c) => c.proof)
            .map((c) => ` ${t('enrol.proofShown', { proof: c.proof })}`)
            .join('')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function CancelButton({ application }: { application: ApplicationView }) {
  const { t } = useTranslation();
  const schoolId = useSchoolId();
  const refresh = useRefreshEnrolment();
  const { send } = useIdempotentWrite();
  const { save, busy } = useSave();
  // Before a place is held the family may simply take the application back (rules: withdraw).
  if (!['draft', 'submitted', 'pre_reviewed', 'approved', 'waitlisted'].includes(application.status))
    return null;
  return (
    <Popconfirm
      title={t('enrol.cancelConfirm')}
      onConfirm={() =>
        save(
          () => send('POST', `${schoolApi(schoolId)}/applications/${application.id}/withdraw`),
          () => refresh(),
        )
      }
    >
      <Button danger loading={busy}>
        {t('enrol.cancelApplication')}
      </Button>
    </Popconfirm>
  );
}

export function ApplicationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useSession();
  const { applicationId = '' } = useParams();
  const application = useApplication(applicationId);
  if (application.isLoading) return <Spin />;
  if (application.error || !application.data)
    return <Result status="warning" title={errorMessage(application.error)} />;
  const a = application.data;
  // The family's own actions; staff who read the application get none of them.
  const isFamily = can('application.apply');
  const published = a.status === 'enrolled';

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => (isFamily ? navigate(paths.home) : navigate(-1))}>
          {t('common.back')}
        </Button>
        <strong style={{ fontSize: 18 }}>
          {a.studentName} · {classText(a.grade, a.classNo)}
        </strong>
        <AppStatusTag status={a.status} />
      </Space>
      <Typography.Text type="secondary">
        {a.termName} · {t('enrol.ref', { ref: a.publicRef })}
      </Typography.Text>
      {a.status === 'offered' && isFamily && <Alert type="success" showIcon title={t('enrol.offeredHint')} />}
      {a.status === 'enrolled' && <Alert type="success" showIcon title={t('enrol.enrolledHint')} />}
      <ProgressCard application={a} />
      <LinesCard application={a} isFamily={isFamily} />
      <AgreementCard application={a} canSign={isFamily} />
      <ConsentCard application={a} canDecide={isFamily} />
      {published && (
        <Card size="small" title={t('enrol.listTitle')}>
          <Button icon={<TeamOutlined />} onClick={() => navigate(paths.list(a.termId))}>
            {t('enrol.seeList')}
          </Button>
        </Card>
      )}
      <WithdrawalCard application={a} canRequest={isFamily} />
      {isFamily && <CancelButton application={a} />}
    </Space>
  );
}
