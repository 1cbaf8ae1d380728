import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { PrintTargetConfig } from '../../api/contract/printing.js';
import { documentHtml } from '../documentHtml.js';
import type { PrintEngines } from '../engines/types.js';
import { PrintError } from '../errors.js';
import { encodeReceipt } from '../escpos.js';
import type { PrintDocument } from '../types.js';
import { sendEscpos } from './escposTcp.js';

export interface PrintOptions {
  jobId: number;
  layoutId: string;
}

/** One printer as the print service sees it: takes a document, resolves when it is the printer's. */
export interface PrintTarget {
  /** Jobs for the same key run one at a time (one physical printer, one queue). */
  key: string;
  /** For people: "网络打印机 192.168.1.50:9100 (80mm)". */
  label: string;
  print(doc: PrintDocument, opts: PrintOptions): Promise<void>;
}

export interface TargetDeps {
  engines: PrintEngines;
  dataDir: string;
  /** Network printers: connect / status / send timeout. */
  timeoutMs: number;
}

export function describeTarget(config: PrintTargetConfig): string {
  switch (config.kind) {
    case 'none':
      return '未设置打印机';
    case 'system':
      return `系统打印机 ${config.deviceName}`;
    case 'escpos':
      return `网络打印机 ${config.host}:${config.port}（${config.width}mm）`;
    case 'pdf':
      return `PDF 文件 ${config.folder || 'prints'}`;
  }
}

export function targetKey(config: PrintTargetConfig): string {
  switch (config.kind) {
    case 'none':
      return 'none';
    case 'system':
      return `system:${config.deviceName}`;
    case 'escpos':
      return `escpos:${config.host}:${config.port}`;
    case 'pdf':
      return `pdf:${config.folder}`;
  }
}

export function pdfFolder(config: { folder: string }, dataDir: string): string {
  if (!config.folder) return join(dataDir, 'prints');
  return isAbsolute(config.folder) ? config.folder : join(dataDir, config.folder);
}

export function createTarget(config: PrintTargetConfig, deps: TargetDeps): PrintTarget {
  const base = { key: targetKey(config), label: describeTarget(config) };
  switch (config.kind) {
    case 'none':
      return {
        ...base,
        async print() {
          throw new PrintError('这类单据还没有选择打印机，请管理员在“打印设置”中选择后重试。');
        },
      };
    case 'escpos':
      return {
        ...base,
        async print(doc) {
          if (doc.kind !== 'receipt')
            throw new PrintError(`这份单据是${doc.paper === 'cr80' ? '卡片' : doc.paper === 'label50x30' ? '标签' : '整页'}格式，不能用小票打印机打印，请改用系统打印机或 PDF。`);
          await sendEscpos(config.host, config.port, encodeReceipt(doc, config.width), deps.timeoutMs);
        },
      };
    case 'system':
      return {
        ...base,
        async print(doc) {
          const { html, size } = documentHtml(doc, config.receiptWidth);
          await deps.engines.printSystem(html, size, config.deviceName);
        },
      };
    case 'pdf':
      return {
        ...base,
        async print(doc, opts) {
          const { html, size } = documentHtml(doc, config.receiptWidth);
          const pdf = await deps.engines.renderPdf(html, size);
          const folder = pdfFolder(config, deps.dataDir);
          try {
            await mkdir(folder, { recursive: true });
            await writeFile(join(folder, `${String(opts.jobId).padStart(6, '0')}-${opts.layoutId}.pdf`), pdf);
          } catch (err) {
            throw new PrintError(`无法把 PDF 保存到 ${folder}（${(err as NodeJS.ErrnoException).code ?? '写入失败'}），请检查文件夹是否存在、是否可写。`);
          }
        },
      };
  }
}
