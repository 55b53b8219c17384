// The walk-home-alone permit card on A4 (DAY-5): cut out and carried by the child; the gate scans
// its QR (the permit's token) to check it is still valid.
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../app/ui';
import '../people/print.css';
import { usePermitCard } from './PickupQueries';

export function PermitPrintPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { permitId = '' } = useParams();
  const card = usePermitCard(permitId);
  const p = card.data;
  return (
    <div className="kh-print-root" data-testid="permit-print">
      <style>{`
        .kh-permit { width: 90mm; min-height: 56mm; border: 1.5px solid #000; border-radius: 3mm; padding: 4mm;
          margin: 0 auto; display: flex; gap: 4mm; box-sizing: border-box; background: #fff; color: #000; }
        .kh-permit h3 { margin: 0 0 2mm; font-size: 16px; }
        .kh-permit p { margin: 0 0 1mm; font-size: 12px; }
        @media print { .kh-print-root { background: #fff; padding: 0; } }
      `}</style>
      <Space className="no-print kh-print-bar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!p}>
          {t('common.print')}
        </Button>
      </Space>
      {card.error ? <Alert type="error" title={errorMessage(card.error)} /> : null}
      {card.isLoading && <Spin />}
      {p && (
        <div className="kh-sheet">
          <div className="kh-permit">
            <div style={{ flex: 1 }}>
              <h3>
                {p.schoolName} · {t('pickup.permit.card')}
              </h3>
              <p style={{ fontSize: 18, fontWeight: 700 }}>{p.studentName}</p>
              <p>{p.className}</p>
              <p>
                {t('pickup.permit.validity')}：{p.startsOn} – {p.endsOn}
              </p>
              <p>{p.weekdays.map((d) => t(`pickup.weekday.${d}`)).join(' ')}</p>
              <p>
                {p.signedName} · {dayjs(p.signedAt).format('YYYY-MM-DD')}
              </p>
              <p style={{ fontSize: 10 }}>{t('pickup.permit.cardHint')}</p>
            </div>
            <img src={p.qrDataUrl} alt="QR" style={{ width: '30mm', height: '30mm' }} />
          </div>
        </div>
      )}
    </div>
  );
}
