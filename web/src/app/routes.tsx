// Which page answers which path, and who may see it.
import { Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { ChangePasswordPage } from '../features/accounts/ChangePasswordPage';
import { LoginPage } from '../features/accounts/LoginPage';
import { SetupSlipsPage } from '../features/accounts/SetupSlipsPage';
import { AuditPage } from '../features/audit/AuditPage';
// term bills and payments (FEE-4, FEE-6)
import { ArrearsPage, BillsPage } from '../features/billing/BillsPage';
import { FamilyBillsPage } from '../features/billing/FamilyBillsPage';
import { PaymentsPage } from '../features/billing/PaymentsPage';
import { ReceiptPrintPage } from '../features/billing/ReceiptPrintPage';
import { StudentBillPage } from '../features/billing/StudentBillPage';
// pickup and gate (DAY-4, DAY-5, DAY-9, DAY-10)
import { BoardPage } from '../features/daily/BoardPage';
// daily attendance (DAY-1…3, DAY-6…8, SAFE-3)
import { CareLogPage } from '../features/daily/CareLogPage';
import { EmergencyPlanPage } from '../features/daily/EmergencyPlanPage';
import { GatePage } from '../features/daily/GatePage';
// incidents and notify channels (DAY-6)
import { IncidentDetailPage } from '../features/daily/IncidentDetailPage';
import { IncidentListPage } from '../features/daily/IncidentListPage';
import { IncidentReportPage } from '../features/daily/IncidentReportPage';
import { LeavePage } from '../features/daily/LeavePage';
import { PermitListPage } from '../features/daily/PermitListPage';
import { PermitPrintPage } from '../features/daily/PermitPrintPage';
import { PickupFamilyPage } from '../features/daily/PickupFamilyPage';
import { PickupReleasePage } from '../features/daily/PickupReleasePage';
import { RollCallPage } from '../features/daily/RollCallPage';
import { RollPrintPage } from '../features/daily/RollPrintPage';
import { StaffAttendancePage } from '../features/daily/StaffAttendancePage';
import { TodayPage } from '../features/daily/TodayPage';
// district dashboard (DIST-1, DIST-3)
import { DashboardPage } from '../features/district/DashboardPage';
import { DashboardSchoolPage } from '../features/district/DashboardSchoolPage';
import { ApplicationPage } from '../features/enrolment/ApplicationPage';
import { ApplyPage } from '../features/enrolment/ApplyPage';
import { DrawPage } from '../features/enrolment/DrawPage';
import { ListPage } from '../features/enrolment/ListPage';
import { MyEnrolmentPage } from '../features/enrolment/MyEnrolmentPage';
import { AgreementPrintPage, ListPrintPage } from '../features/enrolment/PrintPages';
import { ReviewPage } from '../features/enrolment/ReviewPage';
import { WithdrawalsPage } from '../features/enrolment/WithdrawalsPage';
// fee caps, fee standards and meals (FEE-3, FEE-7, DIST-3)
import { CapsPage } from '../features/fees/CapsPage';
import { FamilyMealsPage } from '../features/fees/FamilyMealsPage';
import { FeeStandardsPage } from '../features/fees/FeeStandardsPage';
import { MealsPage } from '../features/fees/MealsPage';
// service fund: subsidy, expenses, fund statement (FEE-2, FEE-8, FEE-9)
import { FundPage } from '../features/funds/FundPage';
import {
  DistrictFundsPage,
  PublishedListPage,
  PublishedPrintPage,
  PublishedStatementPage,
} from '../features/funds/PublishedPages';
// duty roster and outside staff (STAFF-4, STAFF-5, STAFF-6, DIST-2)
import { AvailabilityPage } from '../features/groups/AvailabilityPage';
import { ChildTempClassesPage } from '../features/groups/ChildTempClassesPage';
import { DutyMyPage } from '../features/groups/DutyMyPage';
import { DutySwapsPage } from '../features/groups/DutySwapsPage';
import { OutsideInstitutionsPage } from '../features/groups/OutsideInstitutionsPage';
import { OutsideStaffPage } from '../features/groups/OutsideStaffPage';
import { TempClassPrintPage } from '../features/groups/PrintPages';
import { RosterAdminPage } from '../features/groups/RosterAdminPage';
import { RosterPrintPage as DutyRosterPrintPage } from '../features/groups/RosterPrintPage';
import { TempClassesPage } from '../features/groups/TempClassesPage';
// outside institutions (DIST-2)
import { DistrictInstitutionsPage } from '../features/institutions/DistrictInstitutionsPage';
import { ChannelsPage } from '../features/notify/ChannelsPage';
import { InboxPage } from '../features/notify/InboxPage';
// teacher pay (PAY-1…8)
import { MyPayPage, MyPayPrintPage } from '../features/pay/MyPayPage';
import { PayEventsPage } from '../features/pay/PayEventsPage';
import { PayPage } from '../features/pay/PayPage';
import { ImportPage } from '../features/people/ImportPage';
import { MyChildrenPage } from '../features/people/MyChildrenPage';
import { RosterPrintPage } from '../features/people/RosterPrintPage';
import { StaffPage } from '../features/people/StaffPage';
import { StudentDetailPage } from '../features/people/StudentDetailPage';
import { StudentsPage } from '../features/people/StudentsPage';
import { DemandPage } from '../features/programme/DemandPage';
import { DistrictReportPage } from '../features/programme/DistrictReportPage';
import { NoticePage } from '../features/programme/NoticePage';
import { NoticePrintPage } from '../features/programme/NoticePrintPage';
import { TermPage } from '../features/programme/TermPage';
import { TermsPage } from '../features/programme/TermsPage';
// monthly settlement, refunds and the term end (FEE-4, FEE-5)
import { RefundsPage } from '../features/settlement/RefundsPage';
import { SettlementsPage } from '../features/settlement/SettlementsPage';
import { TermEndPage } from '../features/settlement/TermEndPage';
// parent surveys (SURV-1, SURV-2)
import { AnswerListPage, AnswerPage } from '../features/surveys/AnswerPages';
import { MyScoresPage } from '../features/surveys/MyScoresPage';
import { ResultsPage as SurveyResultsPage } from '../features/surveys/ResultsPage';
import { SurveysPage } from '../features/surveys/SurveysPage';
import { Shell } from './Shell';
import { useSession } from './session';

function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <Spin fullscreen />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function Allow({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useSession();
  const { t } = useTranslation();
  return can(permission) ? children : <Result status="403" title={t('error.forbidden')} />;
}

function Home() {
  const { isParentOnly, can } = useSession();
  if (isParentOnly) return <Navigate to="/children" replace />;
  if (can('student.read')) return <Navigate to="/students" replace />;
  // daily attendance: a care teacher or outside staff starts the day on Today.
  if (can('daily.act')) return <Navigate to="/daily" replace />;
  return <Navigate to="/password" replace />;
}

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t('error.notFound')} />;
}

export function AppRoutes() {
  const { me, loading } = useSession();
  return (
    <Routes>
      <Route
        path="/login"
        element={loading ? <Spin fullscreen /> : me ? <Navigate to="/" replace /> : <LoginPage />}
      />
      <Route
        path="/print/roster"
        element={
          <RequireAuth>
            <RosterPrintPage />
          </RequireAuth>
        }
      />
      {/* pickup and gate (DAY-5): the permit card on A4 */}
      <Route
        path="/print/permit/:permitId"
        element={
          <RequireAuth>
            <PermitPrintPage />
          </RequireAuth>
        }
      />
      {/* duty roster and outside staff: the A4 roster */}
      <Route
        path="/print/duty-roster/:rosterId"
        element={
          <RequireAuth>
            <DutyRosterPrintPage />
          </RequireAuth>
        }
      />
      <Route
        path="/print/agreement/:applicationId"
        element={
          <RequireAuth>
            <AgreementPrintPage />
          </RequireAuth>
        }
      />
      <Route
        path="/print/enrolment-list"
        element={
          <RequireAuth>
            <ListPrintPage />
          </RequireAuth>
        }
      />
      <Route
        path="/print/notice/:termId"
        element={
          <RequireAuth>
            <NoticePrintPage />
          </RequireAuth>
        }
      />
      {/* daily attendance: the roll-call sheet on A4 (DAY-1) */}
      <Route
        path="/print/roll-call/:tempClassId/:date"
        element={
          <RequireAuth>
            <RollPrintPage />
          </RequireAuth>
        }
      />
      {/* temporary classes (STAFF-3): roster, seat plan, roll-call sheet */}
      <Route
        path="/print/temp-class/:classId"
        element={
          <RequireAuth>
            <TempClassPrintPage />
          </RequireAuth>
        }
      />
      {/* service fund (FEE-9): the published statement on A4 */}
      <Route
        path="/print/fund-statement/:schoolId/:statementId"
        element={
          <RequireAuth>
            <PublishedPrintPage />
          </RequireAuth>
        }
      />
      {/* term bills and payments: the receipt on A4 */}
      <Route
        path="/print/receipt/:paymentId"
        element={
          <RequireAuth>
            <ReceiptPrintPage />
          </RequireAuth>
        }
      />
      {/* teacher pay: a teacher's statement on A4 */}
      <Route
        path="/print/pay/mine/:termId"
        element={
          <RequireAuth>
            <MyPayPrintPage />
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <Shell />
          </RequireAuth>
        }
      >
        <Route index element={<Home />} />
        <Route path="children" element={<MyChildrenPage />} />
        <Route path="students" element={<Allow permission="student.read">{<StudentsPage />}</Allow>} />
        <Route path="students/:studentId" element={<StudentDetailPage />} />
        <Route path="import" element={<Allow permission="roster.import">{<ImportPage />}</Allow>} />
        <Route path="staff" element={<Allow permission="staff.read">{<StaffPage />}</Allow>} />
        <Route
          path="setup-codes"
          element={<Allow permission="setupCode.issue">{<SetupSlipsPage />}</Allow>}
        />
        <Route path="audit" element={<Allow permission="audit.read">{<AuditPage />}</Allow>} />
        <Route path="programme" element={<Allow permission="programme.read">{<TermsPage />}</Allow>} />
        <Route
          path="programme/terms/:termId"
          element={<Allow permission="programme.read">{<TermPage />}</Allow>}
        />
        <Route path="notice" element={<Allow permission="programme.read">{<NoticePage />}</Allow>} />
        <Route path="demand" element={<Allow permission="demand.summary">{<DemandPage />}</Allow>} />
        <Route path="district" element={<Allow permission="district.read">{<DistrictReportPage />}</Allow>} />
        <Route path="password" element={<ChangePasswordPage />} />
        <Route
          path="enrolment"
          element={<Allow permission="application.apply">{<MyEnrolmentPage />}</Allow>}
        />
        <Route
          path="enrolment/apply/:termId/:studentId"
          element={<Allow permission="application.apply">{<ApplyPage />}</Allow>}
        />
        <Route
          path="enrolment/applications"
          element={<Allow permission="application.preReview">{<ReviewPage />}</Allow>}
        />
        <Route path="enrolment/applications/:applicationId" element={<ApplicationPage />} />
        <Route path="enrolment/draw" element={<Allow permission="draw.run">{<DrawPage />}</Allow>} />
        <Route
          path="enrolment/withdrawals"
          element={<Allow permission="withdrawal.decide">{<WithdrawalsPage />}</Allow>}
        />
        <Route path="enrolment/list" element={<Allow permission="list.read">{<ListPage />}</Allow>} />
        <Route path="inbox" element={<InboxPage />} />
        {/* incidents and notify channels (DAY-6) */}
        <Route
          path="daily/incidents"
          element={<Allow permission="incident.read">{<IncidentListPage />}</Allow>}
        />
        <Route
          path="daily/incidents/new"
          element={<Allow permission="incident.report">{<IncidentReportPage />}</Allow>}
        />
        <Route path="daily/incidents/:incidentId" element={<IncidentDetailPage />} />
        <Route
          path="notify/channels"
          element={<Allow permission="notifyChannel.write">{<ChannelsPage />}</Allow>}
        />
        {/* daily attendance (DAY-1…3, DAY-6…8, SAFE-3) */}
        <Route path="daily" element={<Allow permission="daily.act">{<TodayPage />}</Allow>} />
        <Route
          path="daily/classes/:tempClassId/:date/roll"
          element={<Allow permission="daily.act">{<RollCallPage />}</Allow>}
        />
        <Route
          path="daily/classes/:tempClassId/:date/log"
          element={<Allow permission="daily.act">{<CareLogPage />}</Allow>}
        />
        <Route path="daily/leave" element={<Allow permission="leave.report">{<LeavePage />}</Allow>} />
        <Route
          path="daily/staff-attendance"
          element={<Allow permission="staffAttendance.read">{<StaffAttendancePage />}</Allow>}
        />
        <Route
          path="daily/emergency"
          element={<Allow permission="emergency.write">{<EmergencyPlanPage />}</Allow>}
        />
        {/* pickup and gate (DAY-4, DAY-5, DAY-9, DAY-10) */}
        <Route
          path="pickup/family"
          element={<Allow permission="pickup.code">{<PickupFamilyPage />}</Allow>}
        />
        <Route
          path="pickup/confirm/:releaseId"
          element={<Allow permission="pickup.confirm">{<PickupFamilyPage />}</Allow>}
        />
        <Route
          path="pickup/release"
          element={<Allow permission="pickup.release">{<PickupReleasePage />}</Allow>}
        />
        <Route path="pickup/board" element={<Allow permission="board.read">{<BoardPage />}</Allow>} />
        <Route path="gate" element={<Allow permission="gate.read">{<GatePage />}</Allow>} />
        <Route path="pickup/permits" element={<Allow permission="permit.read">{<PermitListPage />}</Allow>} />
        {/* duty roster and outside staff (STAFF-4, STAFF-5, STAFF-6, DIST-2) */}
        <Route
          path="duty/availability"
          element={<Allow permission="availability.write">{<AvailabilityPage />}</Allow>}
        />
        <Route path="duty/mine" element={<Allow permission="duty.read">{<DutyMyPage />}</Allow>} />
        <Route path="duty/roster" element={<Allow permission="duty.read">{<RosterAdminPage />}</Allow>} />
        <Route path="duty/swaps" element={<Allow permission="duty.swap">{<DutySwapsPage />}</Allow>} />
        <Route
          path="duty/outside"
          element={<Allow permission="outsideStaff.read">{<OutsideStaffPage />}</Allow>}
        />
        <Route
          path="duty/institutions"
          element={<Allow permission="institution.read">{<OutsideInstitutionsPage />}</Allow>}
        />
        {/* temporary classes (STAFF-1, STAFF-2, STAFF-3) */}
        <Route
          path="temp-classes"
          element={<Allow permission="tempClass.read">{<TempClassesPage />}</Allow>}
        />
        <Route path="children/temp-classes" element={<ChildTempClassesPage />} />
        {/* fee caps, fee standards and meals (FEE-3, FEE-7, DIST-3) */}
        <Route path="fees/caps" element={<Allow permission="feeCap.read">{<CapsPage />}</Allow>} />
        <Route
          path="fees/standards"
          element={<Allow permission="feeCap.read">{<FeeStandardsPage />}</Allow>}
        />
        <Route path="fees/meals" element={<Allow permission="billing.read">{<MealsPage />}</Allow>} />
        <Route
          path="fees/family-meals"
          element={<Allow permission="billing.read">{<FamilyMealsPage />}</Allow>}
        />
        {/* service fund: subsidy, expenses, fund statement (FEE-2, FEE-8, FEE-9) */}
        <Route path="funds" element={<Allow permission="fund.district">{<FundPage />}</Allow>} />
        <Route
          path="funds/published"
          element={<Allow permission="fund.read">{<PublishedListPage />}</Allow>}
        />
        <Route path="funds/published/:schoolId/:statementId" element={<PublishedStatementPage />} />
        <Route
          path="funds/district"
          element={<Allow permission="district.read">{<DistrictFundsPage />}</Allow>}
        />
        {/* term bills and payments (FEE-4, FEE-6) */}
        <Route path="billing/bills" element={<Allow permission="billing.read">{<BillsPage />}</Allow>} />
        <Route path="billing/arrears" element={<Allow permission="billing.read">{<ArrearsPage />}</Allow>} />
        <Route
          path="billing/payments"
          element={<Allow permission="billing.read">{<PaymentsPage />}</Allow>}
        />
        <Route
          path="billing/family"
          element={<Allow permission="billing.read">{<FamilyBillsPage />}</Allow>}
        />
        <Route
          path="billing/bills/:termId/:studentId"
          element={<Allow permission="billing.read">{<StudentBillPage />}</Allow>}
        />
        {/* monthly settlement, refunds and the term end (FEE-4, FEE-5, 多还少补) */}
        <Route
          path="finance/settlements"
          element={<Allow permission="settlement.run">{<SettlementsPage />}</Allow>}
        />
        <Route path="finance/refunds" element={<Allow permission="billing.read">{<RefundsPage />}</Allow>} />
        <Route
          path="finance/term-end"
          element={<Allow permission="settlement.run">{<TermEndPage />}</Allow>}
        />
        {/* outside institutions (DIST-2) */}
        <Route
          path="district/institutions"
          element={<Allow permission="institution.write">{<DistrictInstitutionsPage />}</Allow>}
        />
        {/* district dashboard (DIST-1, DIST-3) */}
        <Route
          path="district/dashboard"
          element={<Allow permission="district.dashboard">{<DashboardPage />}</Allow>}
        />
        <Route
          path="district/dashboard/schools/:schoolId"
          element={<Allow permission="district.dashboard">{<DashboardSchoolPage />}</Allow>}
        />
        {/* parent surveys (SURV-1, SURV-2) */}
        <Route path="surveys" element={<Allow permission="survey.write">{<SurveysPage />}</Allow>} />
        <Route
          path="surveys/:surveyId/results"
          element={<Allow permission="survey.results">{<SurveyResultsPage />}</Allow>}
        />
        <Route
          path="surveys/answer"
          element={<Allow permission="survey.answer">{<AnswerListPage />}</Allow>}
        />
        <Route
          path="surveys/answer/:surveyId"
          element={<Allow permission="survey.answer">{<AnswerPage />}</Allow>}
        />
        <Route
          path="surveys/my-scores"
          element={<Allow permission="survey.ownScores">{<MyScoresPage />}</Allow>}
        />
        {/* teacher pay (PAY-1…8) */}
        <Route path="pay" element={<Allow permission="pay.read">{<PayPage />}</Allow>} />
        <Route path="pay/events" element={<Allow permission="pay.read">{<PayEventsPage />}</Allow>} />
        <Route path="pay/mine" element={<Allow permission="pay.own">{<MyPayPage />}</Allow>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
