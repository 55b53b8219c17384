// Small helpers the pages share: phone detection, error display, labels.

import type { FormInstance } from 'antd';
import { Grid } from 'antd';
import { classLabel } from '../../../src/features/people/rules';
import { ApiError } from './api';
import i18n from './i18n';

/** True below antd's `md` breakpoint (768 px): phones get cards, drawers and compact tables. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return !screens.md;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof Error) return error.message;
  return i18n.t('error.generic');
}

/** Marks the form fields a 400 response names; returns true if any field matched. */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  form.setFields(
    error.fields.map((f) => ({
      name: f.field.replace(/^body\./, '').split('.')[0] ?? f.field,
      errors: [f.message],
    })),
  );
  return true;
}

export function langOf(): 'zh-CN' | 'en' {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export function classText(grade: number, classNo: number): string {
  return classLabel(grade, classNo, langOf());
}
