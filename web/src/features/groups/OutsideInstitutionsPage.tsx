// DIST-2 at /duty/institutions (kept for old links): the district officer gets the district's
// page, a school's administrator the school's view of the approved list (book, evaluate, complain).
import { useSession } from '../../app/session';
import { DistrictInstitutionsPage } from '../institutions/DistrictInstitutionsPage';
import { SchoolInstitutionsPage } from '../institutions/SchoolInstitutionsPage';

export function OutsideInstitutionsPage() {
  const { can } = useSession();
  return can('institution.write') ? <DistrictInstitutionsPage /> : <SchoolInstitutionsPage />;
}
