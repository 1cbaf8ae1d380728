import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router';
import { installPairingGuard } from './screens/pairing/guard.js';

/** The three screens have stable top-level paths: /kiosk, /staff, /display. */
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/kiosk' },
  {
    path: '/kiosk',
    component: () => import('./screens/kiosk/KioskLayout.vue'),
    children: [
      { path: '', name: 'kiosk-home', component: () => import('./screens/kiosk/KioskHome.vue') },
      { path: 'ticket', name: 'kiosk-ticket', component: () => import('./screens/kiosk/ticket/TicketFlow.vue') },
      { path: 'available', name: 'kiosk-available', component: () => import('./screens/kiosk/available/KioskAvailable.vue') },
      { path: 'checkin', name: 'kiosk-checkin', component: () => import('./screens/kiosk/residents/KioskIdentify.vue'), props: { task: 'checkin' } },
      { path: 'checkout', name: 'kiosk-checkout', component: () => import('./screens/kiosk/residents/KioskIdentify.vue'), props: { task: 'checkout' } },
      { path: 'card', name: 'kiosk-card', component: () => import('./screens/kiosk/residents/KioskIdentify.vue'), props: { task: 'card' } },
      { path: 'points', name: 'kiosk-points', component: () => import('./screens/kiosk/volunteering/KioskPoints.vue') },
      { path: 'activities', name: 'kiosk-activities', component: () => import('./screens/kiosk/activities/KioskActivities.vue') },
      { path: 'register', name: 'kiosk-register', component: () => import('./screens/kiosk/residents/KioskRegister.vue') },
      { path: 'request', name: 'kiosk-request', component: () => import('./screens/kiosk/requests/RequestFlow.vue') },
      { path: 'request/status', name: 'kiosk-request-status', component: () => import('./screens/kiosk/requests/RequestStatus.vue') },
      { path: 'suggestion', name: 'kiosk-suggestion', component: () => import('./screens/kiosk/suggestions/KioskSuggestion.vue') },
      { path: 'suggestions', name: 'kiosk-suggestions-adopted', component: () => import('./screens/kiosk/suggestions/KioskSuggestionsAdopted.vue') },
      { path: 'rate', name: 'kiosk-rate', component: () => import('./screens/rating/KioskRate.vue') },
      { path: 'desk/:task', name: 'kiosk-ask-desk', component: () => import('./screens/kiosk/KioskAskDesk.vue'), props: true },
    ],
  },
  {
    path: '/staff',
    component: () => import('./screens/staff/StaffLayout.vue'),
    children: [
      { path: '', name: 'staff-home', component: () => import('./screens/staff/StaffHome.vue') },
      { path: 'dashboard', name: 'staff-dashboard', component: () => import('./screens/staff/DashboardPage.vue') },
      { path: 'queue', name: 'staff-queue', component: () => import('./screens/staff/queue/CounterPage.vue') },
      { path: 'terminals', name: 'staff-terminals', component: () => import('./screens/staff/queue/TerminalsPage.vue') },
      { path: 'queue-settings', name: 'staff-queue-settings', component: () => import('./screens/staff/queue/QueueSettingsPage.vue') },
      { path: 'loans', name: 'staff-loans', component: () => import('./screens/staff/loans/LoanDeskPage.vue') },
      { path: 'loans-out', name: 'staff-loans-out', component: () => import('./screens/staff/loans/LoansListPage.vue') },
      { path: 'inventory', name: 'staff-inventory', component: () => import('./screens/staff/loans/InventoryPage.vue') },
      { path: 'residents', name: 'staff-residents', component: () => import('./screens/staff/residents/ResidentsPage.vue') },
      { path: 'residents/lodgings', name: 'staff-lodgings', component: () => import('./screens/staff/residents/LodgingsPage.vue') },
      { path: 'residents/new', name: 'staff-resident-new', component: () => import('./screens/staff/residents/ResidentRegisterPage.vue') },
      { path: 'residents/:id(\\d+)', name: 'staff-resident', component: () => import('./screens/staff/residents/ResidentProfilePage.vue'), props: true },
      { path: 'accounts', name: 'staff-accounts', component: () => import('./screens/staff/accounts/AccountsPage.vue') },
      { path: 'import', name: 'staff-import', component: () => import('./screens/staff/import/ImportPage.vue') },
      { path: 'audit', name: 'staff-audit', component: () => import('./screens/staff/audit/AuditPage.vue') },
      { path: 'reports', name: 'staff-reports', component: () => import('./screens/staff/reports/ReportsPage.vue') },
      { path: 'requests', name: 'staff-requests', component: () => import('./screens/staff/requests/InboxPage.vue') },
      { path: 'requests/:id(\\d+)', name: 'staff-request', component: () => import('./screens/staff/requests/CasePage.vue'), props: true },
      { path: 'requests/settings', name: 'staff-requests-settings', component: () => import('./screens/staff/requests/RequestsSettingsPage.vue') },
      { path: 'ratings', name: 'staff-ratings', component: () => import('./screens/staff/ratings/RatingsPage.vue') },
      { path: 'suggestions', name: 'staff-suggestions', component: () => import('./screens/staff/suggestions/SuggestionsPage.vue') },
      { path: 'time-bank', name: 'staff-time-bank', component: () => import('./screens/staff/volunteering/TimeBankPage.vue') },
      { path: 'activities', name: 'staff-activities', component: () => import('./screens/staff/activities/ActivitiesPage.vue') },
      { path: 'activities/checkin', name: 'staff-activity-checkin', component: () => import('./screens/staff/activities/CheckInPage.vue') },
      { path: 'rooms', name: 'staff-rooms', component: () => import('./screens/staff/activities/RoomsPage.vue') },
      { path: 'settings', name: 'staff-settings', component: () => import('./screens/staff/SettingsPage.vue') },
      { path: 'print-jobs', name: 'staff-print-jobs', component: () => import('./screens/staff/printing/PrintJobsPage.vue') },
      { path: 'print-settings', name: 'staff-print-settings', component: () => import('./screens/staff/printing/PrintSettingsPage.vue') },
    ],
  },
  { path: '/pair', name: 'pair', component: () => import('./screens/pairing/PairingPage.vue') },
  { path: '/rating', name: 'rater', component: () => import('./screens/rating/RaterScreen.vue') },
  { path: '/display', name: 'display', component: () => import('./screens/display/DisplayScreen.vue') },
  { path: '/city', name: 'city', component: () => import('./screens/city/CityDashboard.vue') },
  { path: '/:rest(.*)*', redirect: '/kiosk' },
];

export function createAppRouter(history?: RouterHistory) {
  const router = createRouter({ history: history ?? createWebHistory(), routes });
  // The real app (web history) gates LAN screens behind pairing; tests pass their own history.
  if (!history) installPairingGuard(router);
  return router;
}
