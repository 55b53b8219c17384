// Runs a call that returns the updated student and puts the answer in the cache.
import { useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StudentDetail } from '../../../../src/features/people/contract';
import { useSchoolId } from '../../app/session';
import { applyFieldErrors, errorMessage } from '../../app/ui';
import { schoolBase } from './queries';

export function useStudentUpdate(studentId: string) {
  const client = useQueryClient();
  const schoolId = useSchoolId();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const base = `${schoolBase(schoolId)}/students/${studentId}`;

  /** Returns true on success; on failure marks the form's fields and shows the message. */
  const run = async (
    call: (base: string) => Promise<StudentDetail>,
    form?: FormInstance,
  ): Promise<boolean> => {
    setBusy(true);
    try {
      const student = await call(base);
      client.setQueryData(['student', schoolId, studentId], student);
      void client.invalidateQueries({ queryKey: ['students', schoolId] });
      message.success(t('common.saved'));
      return true;
    } catch (e) {
      if (form) applyFieldErrors(form, e);
      message.error(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy };
}
