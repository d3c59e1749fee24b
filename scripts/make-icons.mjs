// Draws the app and tray icons as PNGs (no image tools needed): `node scripts/make-icons.mjs`.
// electron-builder derives .icns/.ico from build/icons/icon.png (512x512).
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
function png(size, paint) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x += 1) {
      const [r, g, b, a] = paint(x / size, y / size);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const BG = [15, 20, 32, 255];
const CLEAR = [0, 0, 0, 0];
// Three candles, rising: the journal's mark.
const CANDLES = [
  { x: 0.28, body: [0.5, 0.72], wick: [0.42, 0.8], color: [255, 93, 108, 255] },
  { x: 0.5, body: [0.38, 0.62], wick: [0.3, 0.7], color: [46, 204, 143, 255] },
  { x: 0.72, body: [0.22, 0.5], wick: [0.14, 0.58], color: [79, 140, 255, 255] },
];
function candles(x, y, width = 0.13) {
  for (const c of CANDLES) {
    if (Math.abs(x - c.x) <= width / 2 && y >= c.body[0] && y <= c.body[1]) return c.color;
    if (Math.abs(x - c.x) <= 0.018 && y >= c.wick[0] && y <= c.wick[1]) return c.color;
  }
  return null;
}
const appIcon = (x, y) => (inRoundRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.2) ? candles(x, y) ?? BG : CLEAR);
const trayIcon = (dot) => (x, y) => {
  if (dot && (x - 0.8) ** 2 + (y - 0.2) ** 2 <= 0.028) return dot;
  return candles(x, y, 0.2) ?? CLEAR;
};

mkdirSync('build/icons', { recursive: true });
writeFileSync('build/icons/icon.png', png(512, appIcon));
writeFileSync('build/icons/tray-idle.png', png(32, trayIcon(null)));
writeFileSync('build/icons/tray-syncing.png', png(32, trayIcon([255, 181, 71, 255])));
writeFileSync('build/icons/tray-error.png', png(32, trayIcon([255, 93, 108, 255])));
mkdirSync('renderer/public', { recursive: true });
writeFileSync('renderer/public/favicon.png', png(64, appIcon));
copyFileSync('build/icons/icon.png', 'docs/icon.png');
console.log('icons written to build/icons and renderer/public');
