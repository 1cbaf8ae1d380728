/**
 * Schema 8: which terminal took each ticket ('terminal:<id>', or NULL for the host's own window).
 * 取号 is limited per terminal (a script on one LAN device must not empty a service's daily limit),
 * and a card scanned just after the tap may only raise the priority of a ticket from the same kiosk.
 */
export default `
ALTER TABLE queue_tickets ADD COLUMN source TEXT;
CREATE INDEX queue_tickets_source ON queue_tickets(source, issued_at) WHERE source IS NOT NULL;
`;
