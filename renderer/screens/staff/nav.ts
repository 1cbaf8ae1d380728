/** The staff console's sections, in sidebar order. Each domain adds its page here and in the router. */
export interface StaffNavItem {
  name: string;
  labelKey: string;
  adminOnly?: boolean;
}

export const staffNav: StaffNavItem[] = [
  { name: 'staff-dashboard', labelKey: 'staff.nav.dashboard' },
  { name: 'staff-settings', labelKey: 'staff.nav.settings', adminOnly: true },
  { name: 'staff-print-jobs', labelKey: 'print.jobs.title' },
  { name: 'staff-print-settings', labelKey: 'print.settings.title', adminOnly: true },
];
