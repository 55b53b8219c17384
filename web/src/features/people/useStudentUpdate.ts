// Runs a call that returns the updated student and puts the answer in the cache.
import { useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import type { StudentDetail } from '../../../../src/features/people/contract';
import { useSchoolId } from '../../app/session';
import { useSave } from '../../app/useSave';
import { schoolBase } from './queries';

export function useStudentUpdate(studentId: string) {
  const client = useQueryClient();
  const schoolId = useSchoolId();
  const { save, busy } = useSave();
  const base = `${schoolBase(schoolId)}/students/${studentId}`;

  /** Returns true on success; on failure marks the form's fields and shows the message. */
  const run = (call: (base: string) => Promise<StudentDetail>, form?: FormInstance): Promise<boolean> =>
    save(
      () => call(base),
      (student) => {
        client.setQueryData(['student', schoolId, studentId], student);
        void client.invalidateQueries({ queryKey: ['students', schoolId] });
      },
      form,
    );
  return { run, busy };
}
