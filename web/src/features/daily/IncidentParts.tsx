// Small pieces the incident pages share: status and severity tags.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const statusColour: Record<string, string> = { reported: 'orange', following_up: 'blue', closed: 'default' };
const severityColour: Record<string, string> = { minor: 'default', serious: 'orange', critical: 'red' };

export function IncidentStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={statusColour[status]}>{t(`incident.statuses.${status}`)}</Tag>;
}

export function IncidentSeverityTag({ severity }: { severity: string }) {
  const { t } = useTranslation();
  return <Tag color={severityColour[severity]}>{t(`incident.severities.${severity}`)}</Tag>;
}
