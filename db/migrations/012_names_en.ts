/**
 * Configured names may carry an English name for the screens' English mode (issue 12.22): a queue
 * service and a loan category. Empty means "none": the screens show the Chinese name.
 */
export default `
ALTER TABLE queue_services ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE loan_categories ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
`;
