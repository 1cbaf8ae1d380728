/**
 * The printing pipeline's shared shapes. A layout is a pure function from data to a PrintDocument;
 * it knows nothing about printers. A printer target takes a PrintDocument and knows nothing about
 * residents, tickets or loans. Domain modules only write layouts and submit jobs.
 */

/** What a job is for: each type goes to the printer the manager chose for it in 打印设置. */
export type PrintJobType = 'ticket' | 'loanSlip' | 'serviceCard' | 'assetLabel' | 'report' | 'test';

/** Paper a page layout is drawn for (receipts are 'receipt58' / 'receipt80', chosen by the target). */
export type PagePaper = 'cr80' | 'label50x30' | 'a4' | 'a6';

export type TextSize = 'normal' | 'large' | 'huge';

/**
 * A receipt is a column of blocks, so one layout prints on a raw ESC/POS thermal printer (GBK text,
 * native QR) and, rendered as HTML, on a system printer or to PDF — at 58 or 80 mm.
 */
export type ReceiptBlock =
  | { kind: 'text'; text: string; align?: 'left' | 'center' | 'right'; size?: TextSize; bold?: boolean }
  | { kind: 'pairs'; rows: Array<[label: string, value: string]> }
  | { kind: 'qr'; data: string; caption?: string }
  /** A picture (PNG or JPEG data URL), e.g. the center's WeChat QR; ESC/POS prints PNGs only. */
  | { kind: 'image'; dataUrl: string; caption?: string }
  | { kind: 'divider' }
  | { kind: 'feed'; lines: number };

export type PrintDocument =
  | { kind: 'receipt'; title: string; blocks: ReceiptBlock[] }
  /** A page with a fixed paper size (card, label, A4): complete HTML, QR codes embedded as data URLs. */
  | { kind: 'page'; title: string; paper: PagePaper; html: string };

/** What every layout may draw besides its own data: the center's header details. */
export interface LayoutContext {
  center: { name: string; hotline: string; contactQrDataUrl?: string | null };
  now: Date;
  /** The center's time zone (setting queue.timezone): times on paper are the center's wall clock. */
  timeZone: string;
}

export interface Layout<D> {
  id: string;
  jobType: PrintJobType;
  /** What staff see in the preview list, e.g. "测试页". */
  label?: string;
  /** Example data (no real person) for previews and tests of the layout. */
  sample?: D;
  /** Pure: the same data and context give the same document. */
  render(data: D, ctx: LayoutContext): PrintDocument | Promise<PrintDocument>;
}

/** A job as a domain handler submits it: which layout, with what data. Printing happens in the background. */
export interface PrintRequest {
  jobType: PrintJobType;
  layoutId: string;
  data: unknown;
}

/** What a handler gets back at once; the outcome arrives later as a `print.job` event. */
export interface SubmittedJob {
  jobId: number;
}
