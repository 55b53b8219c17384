// 学校课后服务收费收据 on A4: school, student and class, the amount in figures and in capitals
// (大写), method and reference, receipt number, date and who recorded it. Printed by finance, and by
// the family for its own payments.
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PrintFrame } from '../../app/PrintFrame';
import '../people/print.css';
import { useReceipt } from './queries';

export function ReceiptPrintPage() {
  const { t } = useTranslation();
  const { paymentId = '' } = useParams();
  const receipt = useReceipt(paymentId);
  const r = receipt.data;
  return (
    <PrintFrame ready={!!r} error={receipt.error}>
      {r && (
        <section className="kh-sheet" data-testid="receipt">
          <style>{`
            .kh-receipt { width: 100%; border-collapse: collapse; font-size: 14px; }
            .kh-receipt th, .kh-receipt td { border: 1px solid #000; padding: 3mm 2mm; text-align: left; }
            .kh-receipt th { width: 28%; font-weight: 500; background: #fafafa; }
            .kh-receipt-no { display: flex; justify-content: space-between; margin-bottom: 3mm; font-size: 13px; }
            .kh-receipt-sign { display: flex; justify-content: space-between; margin-top: 10mm; font-size: 13px; }
          `}</style>
          <div className="kh-sheet-school">{r.schoolName}</div>
          <h1 className="kh-sheet-title" style={{ textAlign: 'center' }}>
            {r.title}
          </h1>
          <div className="kh-receipt-no">
            <span>
              {t('bills.receipt.date')}：{r.receivedOn}
            </span>
            <span>
              {t('bills.receipt.no')}：<strong data-testid="receipt-no">{r.payment.receiptNo}</strong>
            </span>
          </div>
          <table className="kh-receipt">
            <tbody>
              <tr>
                <th>{t('bills.receipt.school')}</th>
                <td>{r.schoolName}</td>
              </tr>
              <tr>
                <th>{t('bills.receipt.term')}</th>
                <td>{r.termName}</td>
              </tr>
              <tr>
                <th>{t('bills.receipt.student')}</th>
                <td>{r.payment.studentName}</td>
              </tr>
              <tr>
                <th>{t('bills.receipt.class')}</th>
                <td>{r.payment.classLabel}</td>
              </tr>
              <tr>
                <th>{t('bills.receipt.item')}</th>
                <td>{r.streamLabel}</td>
              </tr>
              <tr>
                <th>{t('bills.receipt.amount')}</th>
                <td data-testid="receipt-amount">¥ {r.amountYuan}</td>
              </tr>
              <tr>
                <th>{t('bills.receipt.words')}</th>
                <td data-testid="receipt-words">{r.amountInWords}</td>
              </tr>
              <tr>
                <th>{t('bills.receipt.method')}</th>
                <td>{r.methodLabel}</td>
              </tr>
              <tr>
                <th>{t('bills.receipt.reference')}</th>
                <td>{r.payment.reference ?? '—'}</td>
              </tr>
              <tr>
                <th>{t('bills.receipt.recordedBy')}</th>
                <td>{r.payment.recordedBy ?? t('bills.receipt.online')}</td>
              </tr>
            </tbody>
          </table>
          <div className="kh-receipt-sign">
            <span>{t('bills.receipt.payer')}：</span>
            <span>{t('bills.receipt.stamp')}：</span>
          </div>
          <div className="kh-sheet-printed">{dayjs().format('YYYY-MM-DD HH:mm')}</div>
        </section>
      )}
    </PrintFrame>
  );
}
