import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router';

/** The three screens have stable top-level paths: /kiosk, /staff, /display. */
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/kiosk' },
  {
    path: '/kiosk',
    component: () => import('./screens/kiosk/KioskLayout.vue'),
    children: [
      { path: '', name: 'kiosk-home', component: () => import('./screens/kiosk/KioskHome.vue') },
      { path: 'desk/:task', name: 'kiosk-ask-desk', component: () => import('./screens/kiosk/KioskAskDesk.vue'), props: true },
    ],
  },
  {
    path: '/staff',
    component: () => import('./screens/staff/StaffLayout.vue'),
    children: [
      { path: '', redirect: { name: 'staff-dashboard' } },
      { path: 'dashboard', name: 'staff-dashboard', component: () => import('./screens/staff/DashboardPage.vue') },
      { path: 'settings', name: 'staff-settings', component: () => import('./screens/staff/SettingsPage.vue') },
      { path: 'print-jobs', name: 'staff-print-jobs', component: () => import('./screens/staff/printing/PrintJobsPage.vue') },
      { path: 'print-settings', name: 'staff-print-settings', component: () => import('./screens/staff/printing/PrintSettingsPage.vue') },
    ],
  },
  { path: '/display', name: 'display', component: () => import('./screens/display/DisplayScreen.vue') },
  { path: '/:rest(.*)*', redirect: '/kiosk' },
];

export function createAppRouter(history: RouterHistory = createWebHistory()) {
  return createRouter({ history, routes });
}
