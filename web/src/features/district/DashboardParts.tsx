// Pieces shared by the district dashboard and a school's drill-down (DIST-1): the date and export
// bar, the "as of" line, the 5+2 tag, and the figure tiles.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useIsPhone } from '../../app/ui';

/** The dashboard's date lives in the address (?date=), so a drill-down and back keep it. */
export function useDashboardDate(): [string | undefined, (d: Dayjs | null) => void] {
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? undefined;
  return [
    date,
    (d) => {
      const next = new URLSearchParams(params);
      if (d) next.set('date', d.format('YYYY-MM-DD'));
      else next.delete('date');
      setParams(next, { replace: true });
    },
  ];
}

export function DateAndExport({
  date,
  onDate,
  exportHref,
}: {
  date: string | undefined;
  onDate: (d: Dayjs | null) => void;
  exportHref: string | null;
}) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  return (
    <Space wrap>
      <DatePicker
        value={date ? dayjs(date) : null}
        onChange={onDate}
        placeholder={t('dashboard.date')}
        aria-label={t('dashboard.date')}
        inputReadOnly={phone}
        style={{ width: 140 }}
      />
      {exportHref && (
        <Button icon={<DownloadOutlined />} href={exportHref} data-testid="dashboard-export">
          {t('dashboard.exportXlsx')}
        </Button>
      )}
    </Space>
  );
}

export function AsOf({ at }: { at: string | null | undefined }) {
  const { t } = useTranslation();
  if (!at) return null;
  return (
    <Typography.Text type="secondary" data-testid="dashboard-as-of">
      {t('dashboard.asOf', { at: dayjs(at).format('YYYY-MM-DD HH:mm') })}
    </Typography.Text>
  );
}

export function MetTag({ met }: { met: boolean | null | undefined }) {
  const { t } = useTranslation();
  if (met === null || met === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Tag color={met ? 'success' : 'error'}>{met ? t('dashboard.yes') : t('dashboard.no')}</Tag>;
}

/** One figure: its name, its value large, and what it is made of. */
export function Tile({
  title,
  value,
  note,
  danger,
  testId,
}: {
  title: string;
  value: ReactNode;
  note?: ReactNode;
  danger?: boolean;
  testId?: string;
}) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={testId}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <div style={{ fontSize: 22, fontWeight: 600, lineHeight: 1.4, color: danger ? '#cf1322' : undefined }}>
        {value}
      </div>
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      )}
    </Card>
  );
}
