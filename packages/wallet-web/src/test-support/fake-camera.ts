// A fake camera for Chromium (--use-file-for-fake-video-capture): a Y4M video whose every frame
// shows the QR code of `text`, so the wallet's real scanner reads it.
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

export function writeQrVideo(text: string, path: string): void {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const quiet = 4;
  const scale = 6;
  const side = (modules.size + 2 * quiet) * scale;
  const size = side + (side % 2); // 4:2:0 wants even sides
  const luma = Buffer.alloc(size * size, 255);
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col) === 0) continue;
      for (let y = 0; y < scale; y += 1) {
        const offset = ((row + quiet) * scale + y) * size + (col + quiet) * scale;
        luma.fill(0, offset, offset + scale);
      }
    }
  }
  const chroma = Buffer.alloc((size / 2) * (size / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${size} H${size} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...new Array<Buffer>(10).fill(frame)]));
}
