// One way to save from a page: run the call, keep its answer, say "saved" or show the refusal
// (marking the form's fields when the server named them).
import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorMessage } from './ui';

export function useSave() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);

  /** Returns true on success, after `keep` has stored the answer; `done` replaces "saved". */
  const save = async <T>(
    call: () => Promise<T>,
    keep: (result: T) => void,
    form?: FormInstance,
    done?: string,
  ): Promise<boolean> => {
    setBusy(true);
    try {
      keep(await call());
      message.success(done ?? t('common.saved'));
      return true;
    } catch (e) {
      if (form) applyFieldErrors(form, e);
      message.error(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { save, busy };
}
