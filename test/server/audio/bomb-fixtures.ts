/**
 * Decode bombs (issue 15 item 3), made byte by byte so no tool is needed: small files whose
 * headers declare far more audio than a voice clip can be.
 */

/** 144 KB of 16-bit WAV whose header declares 65,535 channels (and a block size that ignores them). */
export function wavBomb(): Uint8Array {
  const dataBytes = 144 * 1024 - 44;
  const buf = Buffer.alloc(44 + dataBytes);
  buf.write('RIFF', 0); buf.writeUInt32LE(36 + dataBytes, 4); buf.write('WAVE', 8);
  buf.write('fmt ', 12); buf.writeUInt32LE(16, 16); buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(65535, 22); buf.writeUInt32LE(48000, 24); buf.writeUInt32LE(48000 * 2, 28);
  buf.writeUInt16LE(2, 32); buf.writeUInt16LE(16, 34);
  buf.write('data', 36); buf.writeUInt32LE(dataBytes, 40);
  for (let i = 44; i < buf.length; i++) buf[i] = (i * 7) & 0xff;
  return new Uint8Array(buf);
}

/** FLAC frame header checksum (polynomial 0x07). */
function crc8(bytes: number[]): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}
/** FLAC frame checksum (polynomial 0x8005). */
function crc16(bytes: number[]): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}
/** FLAC codes frame numbers like UTF-8 code points. */
function utf8(n: number): number[] {
  if (n < 0x80) return [n];
  if (n < 0x800) return [0xc0 | (n >> 6), 0x80 | (n & 0x3f)];
  return [0xe0 | (n >> 12), 0x80 | ((n >> 6) & 0x3f), 0x80 | (n & 0x3f)];
}
/** A valid FLAC of one hour (by default) of a constant signal: about 490 KB, one CONSTANT subframe per 4096-sample frame. */
export function flacBomb(seconds = 3600): Uint8Array {
  const rate = 44100, block = 4096;
  const frames = Math.ceil((seconds * rate) / block);
  const total = frames * block;
  const out: number[] = [0x66, 0x4c, 0x61, 0x43, 0x80, 0, 0, 34];
  out.push(block >> 8, block & 0xff, block >> 8, block & 0xff, 0, 0, 0, 0, 0, 0);
  // 20 bits rate, 3 bits channels-1 (0), 5 bits bps-1 (15), 36 bits total samples
  const packed = (BigInt(rate) << 44n) | (0n << 41n) | (15n << 36n) | BigInt(total);
  for (let shift = 56n; shift >= 0n; shift -= 8n) out.push(Number((packed >> shift) & 0xffn));
  for (let i = 0; i < 16; i++) out.push(0);
  for (let n = 0; n < frames; n++) {
    const frame = [0xff, 0xf8, 0xc9, 0x08, ...utf8(n)];
    frame.push(crc8(frame));
    frame.push(0x00, 0x10, 0x00);
    const crc = crc16(frame);
    frame.push(crc >> 8, crc & 0xff);
    for (const byte of frame) out.push(byte);
  }
  return new Uint8Array(out);
}
