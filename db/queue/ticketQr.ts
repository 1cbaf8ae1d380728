/** What the QR on a paper ticket holds ("工作人员扫码查询"): the ticket's id, nothing personal. */
const PREFIX = 'HOUNIAO-TICKET:';

export function ticketQrPayload(ticketId: number): string {
  return `${PREFIX}${ticketId}`;
}

/** The ticket id in a scanned code, or null when it is not one of our tickets. */
export function parseTicketQr(code: string): number | null {
  const m = /^HOUNIAO-TICKET:(\d{1,12})$/.exec(code.trim());
  return m ? Number(m[1]) : null;
}
