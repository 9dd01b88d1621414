// Draws resources/icon.png (512×512): a rounded NHS-blue square with a white open book and tick.
// Kept as code so the icon can be regenerated without an image editor.
import fs from 'node:fs';
import zlib from 'node:zlib';

const SIZE = 512;
const pixels = Buffer.alloc(SIZE * SIZE * 4);
const BLUE = [0, 94, 184, 255];
const WHITE = [255, 255, 255, 255];

function set(x, y, [r, g, b, a]) {
  const i = (y * SIZE + x) * 4;
  pixels[i] = r;
  pixels[i + 1] = g;
  pixels[i + 2] = b;
  pixels[i + 3] = a;
}
function insideRounded(x, y, inset, radius) {
  const lo = inset + radius;
  const hi = SIZE - 1 - inset - radius;
  const dx = x < lo ? lo - x : x > hi ? x - hi : 0;
  const dy = y < lo ? lo - y : y > hi ? y - hi : 0;
  return dx * dx + dy * dy <= radius * radius && x >= inset && y >= inset && x < SIZE - inset && y < SIZE - inset;
}
function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const t = Math.max(
    0,
    Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    if (!insideRounded(x, y, 16, 96)) continue;
    set(x, y, BLUE);
    // Two pages of an open book.
    const page =
      y > 150 && y < 390 && ((x > 96 && x < 246) || (x > 266 && x < 416)) && !(y > 360 && Math.abs(x - 256) > 150);
    // A tick across the right page.
    const tick =
      Math.min(distanceToSegment(x, y, [300, 270], [335, 310]), distanceToSegment(x, y, [335, 310], [395, 205])) < 14;
    if (page && !tick) set(x, y, WHITE);
  }
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8;
header[9] = 6;
const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) pixels.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(rows)),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.writeFileSync(new URL('../resources/icon.png', import.meta.url), png);
