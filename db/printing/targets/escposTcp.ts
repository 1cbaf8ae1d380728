import { Socket } from 'node:net';
import { PrintError } from '../errors.js';
import { escposCommands } from '../escpos.js';

/**
 * Sends raw ESC/POS bytes to a network thermal printer (port 9100). First asks the printer's
 * real-time status (DLE EOT 1): a printer that is off, unplugged or wedged — connection refused,
 * or accepted but never reading — fails within `timeoutMs` with a reason staff can act on, instead
 * of hanging a queue.
 */
export function sendEscpos(host: string, port: number, bytes: Buffer, timeoutMs = 5000): Promise<void> {
  const where = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let stage: 'connect' | 'status' | 'write' = 'connect';
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners('data');
      if (err) socket.destroy();
      else socket.end();
      if (err) reject(err);
      else resolve();
    };
    let timer = setTimeout(() => onTimeout(), timeoutMs);
    const restartTimer = () => {
      clearTimeout(timer);
      timer = setTimeout(() => onTimeout(), timeoutMs);
    };
    const onTimeout = () => {
      if (stage === 'connect') finish(new PrintError(`无法连接打印机 ${where}（连接超时），请检查打印机电源和网线，以及 IP 地址是否正确。`));
      else if (stage === 'status') finish(new PrintError(`打印机 ${where} 已连接但没有响应，请关掉打印机电源再打开后重试。`));
      else finish(new PrintError(`打印机 ${where} 没有接收打印内容（发送超时），请检查打印机是否缺纸、开盖或卡纸。`));
    };

    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED' || err.code === 'EHOSTUNREACH' || err.code === 'ENETUNREACH' || err.code === 'ETIMEDOUT') {
        finish(new PrintError(`无法连接打印机 ${where}，请检查打印机电源和网线。`));
      } else if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') {
        finish(new PrintError(`找不到打印机地址 ${host}，请在打印设置中核对 IP 地址。`));
      } else {
        finish(new PrintError(`打印机 ${where} 连接中断（${err.code ?? err.message}），请检查网线后重试。`));
      }
    });
    socket.once('close', () => finish(new PrintError(`打印机 ${where} 中途断开了连接，请检查打印机后重试。`)));

    socket.connect(port, host, () => {
      stage = 'status';
      restartTimer();
      socket.once('data', (reply: Buffer) => {
        // Status byte: bit 3 set = offline (cover open, paper out, or an error the printer reports).
        if (reply[0]! & 0x08) {
          finish(new PrintError(`打印机 ${where} 处于离线状态，可能缺纸或纸仓盖没有盖好，请检查后重试。`));
          return;
        }
        stage = 'write';
        restartTimer();
        // 'finish' fires once every byte has been handed to the network: then the job is the printer's.
        socket.write(bytes, (err) => (err ? finish(new PrintError(`发送到打印机 ${where} 失败，请检查网线后重试。`)) : finish()));
      });
      socket.write(Buffer.from(escposCommands.statusQuery));
    });
  });
}
