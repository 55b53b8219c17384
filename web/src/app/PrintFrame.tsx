// The frame of every A4 paper view: back and print buttons (hidden on paper), the error or a
// spinner while the data loads, then the sheet.
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from './ui';

export function PrintFrame({
  ready,
  error,
  children,
}: {
  ready: boolean;
  error: unknown;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="kh-print-root">
      <Space className="no-print kh-print-bar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!ready}>
          {t('common.print')}
        </Button>
      </Space>
      {error ? <Alert type="error" title={errorMessage(error)} /> : null}
      {!ready && !error && <Spin style={{ display: 'block', margin: 48 }} />}
      {ready && children}
    </div>
  );
}
