// An application's way through ENR-2 as steps: submitted → pre-reviewed → approved → draw result →
// agreed → enrolled, each with its time from the timeline; a return, rejection or withdrawal shows
// where it stopped and why. Below, the full history.
import { Card, Steps, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '../../../../src/features/enrolment/contract';
import { useIsPhone } from '../../app/ui';
import { labelOf } from '../audit/labels';
import { enrolmentActionLabels } from './auditLabels';
import { applicationStatusText, lineStatusText } from './labels';

type Step = { key: string; reached: string[] };

const steps: Step[] = [
  { key: 'submitted', reached: ['submitted'] },
  { key: 'pre_reviewed', reached: ['pre_reviewed'] },
  { key: 'approved', reached: ['approved'] },
  { key: 'draw', reached: ['offered', 'waitlisted'] },
  { key: 'agreed', reached: ['agreed'] },
  { key: 'enrolled', reached: ['enrolled'] },
];

/** How far the application got: the index of the last step it reached (-1: a draft). */
function reachedIndex(application: ApplicationView): number {
  let last = -1;
  for (const entry of application.timeline) {
    const index = steps.findIndex((s) => entry.status && s.reached.includes(entry.status));
    if (index > last) last = index;
  }
  const now = steps.findIndex((s) => s.reached.includes(application.status));
  return Math.max(last, now);
}

const fmt = (at: string) => dayjs(at).format('MM-DD HH:mm');

export function ProgressCard({ application }: { application: ApplicationView }) {
  const { t, i18n } = useTranslation();
  const phone = useIsPhone();
  const a = application;
  const reached = reachedIndex(a);
  const stopped = a.status === 'rejected' || a.status === 'withdrawn';
  const stopEntry = [...a.timeline].reverse().find((e) => e.status === a.status);
  const firstAt = (statuses: string[]) => a.timeline.find((e) => e.status && statuses.includes(e.status))?.at;

  const drawContent = () => {
    if (reached < 3) return null;
    return a.lines
      .filter((l) => l.status !== 'pending')
      .map((l) => (
        <div key={l.id}>
          {l.offeringName}
          {t('enrol.colon')}
          {l.status === 'waitlisted' && l.waitlistPosition !== null
            ? t('enrol.waitlistNo', { position: l.waitlistPosition })
            : lineStatusText(l.status)}
        </div>
      ));
  };

  const items = steps.map((step, index) => {
    const at = firstAt(step.reached);
    let status: 'wait' | 'process' | 'finish' | 'error' =
      index <= reached ? 'finish' : index === reached + 1 ? 'process' : 'wait';
    if (stopped && index === reached + 1) status = 'error';
    if (stopped && index > reached + 1) status = 'wait';
    const title =
      step.key === 'draw' && a.status === 'waitlisted'
        ? applicationStatusText('waitlisted')
        : t(`enrol.step.${step.key}`);
    const content = (
      <>
        {at && index <= reached && <div>{fmt(at)}</div>}
        {step.key === 'draw' && drawContent()}
        {status === 'error' && (
          <div data-testid="stop-reason">
            <Typography.Text type="danger">{applicationStatusText(a.status)}</Typography.Text>
            {stopEntry?.reason && <div>{t('enrol.reason', { reason: stopEntry.reason })}</div>}
          </div>
        )}
      </>
    );
    return { key: step.key, title, status, content };
  });

  return (
    <Card size="small" title={t('enrol.progress')}>
      <Steps
        size="small"
        orientation={phone ? 'vertical' : 'horizontal'}
        current={Math.min(reached + 1, steps.length - 1)}
        items={items}
        data-testid="progress"
      />
      {a.reviewNote && a.status !== 'rejected' && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('enrol.reviewNote', { note: a.reviewNote })}
        </Typography.Paragraph>
      )}
      {a.timeline.length > 0 && (
        <details className="kh-history">
          <summary>{t('enrol.history')}</summary>
          <Timeline
            style={{ marginTop: 12 }}
            items={[...a.timeline].reverse().map((e, i) => ({
              key: `${e.at}-${i}`,
              content: (
                <div>
                  <Typography.Text type="secondary">{dayjs(e.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>{' '}
                  {e.status
                    ? applicationStatusText(e.status)
                    : labelOf(enrolmentActionLabels, e.action, i18n.language)}
                  {e.reason && <div>{t('enrol.reason', { reason: e.reason })}</div>}
                </div>
              ),
            }))}
          />
        </details>
      )}
    </Card>
  );
}
