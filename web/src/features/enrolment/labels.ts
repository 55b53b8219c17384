// Words and colours for enrolment statuses in the reader's language (the server's own label table,
// so the API's refusals and the pages say the same thing).
import {
  applicationStatusLabels,
  lineStatusLabels,
  withdrawalStatusLabels,
} from '../../../../src/features/enrolment/labels';
import type {
  ApplicationStatus,
  LineStatus,
  WithdrawalStatus,
} from '../../../../src/features/enrolment/rules';
import { langOf } from '../../app/ui';

type Words = { zh: string; en: string };

/** The server's words; in English capitalised, as they stand alone on a tag. */
function say(words: Words | undefined, fallback: string): string {
  if (!words) return fallback;
  if (langOf() !== 'en') return words.zh;
  return words.en.charAt(0).toUpperCase() + words.en.slice(1);
}

export const applicationStatusText = (s: string) => say(applicationStatusLabels[s as ApplicationStatus], s);
export const lineStatusText = (s: string) => say(lineStatusLabels[s as LineStatus], s);
export const withdrawalStatusText = (s: string) => say(withdrawalStatusLabels[s as WithdrawalStatus], s);

export const applicationStatusColor: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  pre_reviewed: 'cyan',
  approved: 'blue',
  offered: 'gold',
  agreed: 'lime',
  enrolled: 'green',
  rejected: 'red',
  waitlisted: 'orange',
  withdrawn: 'default',
};

export const lineStatusColor: Record<string, string> = {
  pending: 'default',
  offered: 'gold',
  accepted: 'green',
  waitlisted: 'orange',
  not_needed: 'default',
  declined: 'default',
  lapsed: 'default',
  withdrawn: 'default',
};

export const withdrawalStatusColor: Record<string, string> = {
  requested: 'processing',
  approved: 'green',
  rejected: 'red',
  cancelled: 'default',
};

/** Offering kinds a family takes per session, without a second choice (PROG-5: the basic element). */
export const basicKinds = new Set(['homework_care', 'nap']);
