/** The staff console's sections, in sidebar order. Each domain adds its page here and in the router. */
export interface StaffNavItem {
  name: string;
  labelKey: string;
  adminOnly?: boolean;
}

export const staffNav: StaffNavItem[] = [
  { name: 'staff-dashboard', labelKey: 'staff.nav.dashboard' },
  { name: 'staff-reports', labelKey: 'reports.nav' },
  { name: 'staff-residents', labelKey: 'residents.staff.nav' },
  { name: 'staff-lodgings', labelKey: 'residents.staff.lodgings', adminOnly: true },
  { name: 'staff-requests', labelKey: 'requests.staff.nav' },
  { name: 'staff-requests-settings', labelKey: 'requests.staff.settingsTitle' },
  { name: 'staff-queue', labelKey: 'queue.nav.counter' },
  { name: 'staff-ratings', labelKey: 'ratings.nav' },
  { name: 'staff-suggestions', labelKey: 'suggestions.nav' },
  { name: 'staff-queue-settings', labelKey: 'queue.nav.settings', adminOnly: true },
  { name: 'staff-terminals', labelKey: 'queue.nav.terminals', adminOnly: true },
  { name: 'staff-loans', labelKey: 'loans.nav.desk' },
  { name: 'staff-loans-out', labelKey: 'loans.nav.list' },
  { name: 'staff-inventory', labelKey: 'loans.nav.inventory' },
  { name: 'staff-activities', labelKey: 'activities.nav.list' },
  { name: 'staff-activity-checkin', labelKey: 'activities.nav.checkin' },
  { name: 'staff-rooms', labelKey: 'activities.nav.rooms' },
  { name: 'staff-time-bank', labelKey: 'volunteering.nav' },
  { name: 'staff-accounts', labelKey: 'auth.nav.accounts', adminOnly: true },
  { name: 'staff-import', labelKey: 'import.nav', adminOnly: true },
  { name: 'staff-audit', labelKey: 'audit.nav', adminOnly: true },
  { name: 'staff-settings', labelKey: 'staff.nav.settings', adminOnly: true },
  { name: 'staff-print-jobs', labelKey: 'print.jobs.title' },
  { name: 'staff-print-settings', labelKey: 'print.settings.title', adminOnly: true },
];
