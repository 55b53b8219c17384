// Addresses of the enrolment pages (and of the programme's notice page they link to).
export const paths = {
  home: '/enrolment',
  apply: (termId: string, studentId: string) => `/enrolment/apply/${termId}/${studentId}`,
  application: (id: string) => `/enrolment/applications/${id}`,
  review: '/enrolment/applications',
  draw: '/enrolment/draw',
  withdrawals: '/enrolment/withdrawals',
  list: (termId?: string) => (termId ? `/enrolment/list?term=${termId}` : '/enrolment/list'),
  printList: (termId: string, by: 'class' | 'offering') => `/print/enrolment-list?term=${termId}&by=${by}`,
  printAgreement: (id: string) => `/print/agreement/${id}`,
  /** The notice to parents (告家长书), a page of the programme feature (it shows the current term). */
  notice: (termId: string) => `/notice?term=${termId}`,
};
