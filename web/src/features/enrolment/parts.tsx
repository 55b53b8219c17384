// Small pieces the enrolment pages share: status tags, the term picker, a line's place or position.
import { Select, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  applicationStatusColor,
  applicationStatusText,
  lineStatusColor,
  lineStatusText,
  withdrawalStatusColor,
  withdrawalStatusText,
} from './labels';
import './enrolment.css';
import type { TermSummary } from './queries';

export function AppStatusTag({ status }: { status: string }) {
  return (
    <Tag color={applicationStatusColor[status] ?? 'default'} data-status={status}>
      {applicationStatusText(status)}
    </Tag>
  );
}

export function WithdrawalStatusTag({ status }: { status: string }) {
  return <Tag color={withdrawalStatusColor[status] ?? 'default'}>{withdrawalStatusText(status)}</Tag>;
}

/** A chosen offering and where it stands: a place, a waitlist position, an offer's deadline. */
export function LineTag({
  line,
}: {
  line: { status: string; waitlistPosition: number | null; offerExpiresAt?: string | null };
}) {
  const { t } = useTranslation();
  let text = lineStatusText(line.status);
  if (line.status === 'waitlisted' && line.waitlistPosition !== null)
    text = t('enrol.waitlistNo', { position: line.waitlistPosition });
  else if (line.status === 'offered' && line.offerExpiresAt)
    text = t('enrol.offeredUntil', { time: dayjs(line.offerExpiresAt).format('MM-DD HH:mm') });
  return <Tag color={lineStatusColor[line.status] ?? 'default'}>{text}</Tag>;
}

export function TermPicker({
  terms,
  value,
  onChange,
}: {
  terms: TermSummary[];
  value: string | undefined;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      aria-label={t('enrol.term')}
      value={value}
      onChange={onChange}
      options={terms.map((term) => ({ value: term.id, label: term.name }))}
      style={{ minWidth: 160, maxWidth: '100%' }}
      placeholder={t('enrol.term')}
    />
  );
}

export function choiceLabel(rank: number, t: (k: string) => string): string {
  return rank === 1 ? t('enrol.firstChoice') : t('enrol.secondChoice');
}

/** '¥180/月' or '¥2/课时' from fen; '' when the school has not set a fee. */
export function feeText(
  feeFen: number | null,
  feeBasis: string | null,
  t: (k: string, o?: Record<string, unknown>) => string,
): string {
  if (feeFen === null || !feeBasis) return '';
  const yuan = (feeFen / 100).toFixed(feeFen % 100 === 0 ? 0 : 2);
  return t(feeBasis === 'class_hour' ? 'enrol.feePerHour' : 'enrol.feePerMonth', { yuan });
}
