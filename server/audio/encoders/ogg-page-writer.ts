/**
 * Ogg framing (RFC 3533) for one logical bitstream whose packets never span pages: each call
 * turns whole packets into one or more pages. No maintained npm package offers a synchronous Ogg
 * muxer (mediabunny's is asynchronous and internal), and the format is small enough to write
 * here; ffmpeg verifies every page's checksum in the tests.
 */

const CAPTURE_PATTERN = [0x4f, 0x67, 0x67, 0x53]; // "OggS"
const HEADER_BYTES = 27;
const MAX_SEGMENTS_PER_PAGE = 255;
const LACING_MAX = 255;
const FLAG_BEGINNING_OF_STREAM = 0x02;
const FLAG_END_OF_STREAM = 0x04;
const CRC_POLYNOMIAL = 0x04c1_1db7;

/** Ogg's CRC-32: polynomial 0x04C11DB7, no reflection, zero initial value and final XOR. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index += 1) {
    let crc = index << 24;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x8000_0000 ? (crc << 1) ^ CRC_POLYNOMIAL : crc << 1;
    table[index] = crc >>> 0;
  }
  return table;
})();

export function oggCrc32(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  return crc;
}

export interface OggPacket {
  data: Uint8Array;
  /** Granule position once this packet is decoded (codec-defined; opus: 48 kHz samples). */
  granule: number;
}

/** Lacing values of one packet: 255s then the remainder (a 0 ends a multiple of 255). */
function lacing(length: number): number[] {
  const values = new Array<number>(Math.floor(length / LACING_MAX)).fill(LACING_MAX);
  values.push(length % LACING_MAX);
  return values;
}

export class OggPageWriter {
  private sequence = 0;

  constructor(private readonly serial: number) {}

  /**
   * Pages holding `packets` in order. The first page ever written is flagged as the stream's
   * beginning; `last` flags the final page as its end.
   */
  pages(packets: readonly OggPacket[], last = false): Uint8Array[] {
    const pages: Uint8Array[] = [];
    let start = 0;
    while (start < packets.length) {
      let end = start;
      let segments = 0;
      while (end < packets.length && segments + lacing(packets[end]!.data.length).length <= MAX_SEGMENTS_PER_PAGE) {
        segments += lacing(packets[end]!.data.length).length;
        end += 1;
      }
      const isLast = last && end === packets.length;
      pages.push(this.page(packets.slice(start, end), isLast));
      start = end;
    }
    return pages;
  }

  private page(packets: readonly OggPacket[], last: boolean): Uint8Array {
    const lacingValues = packets.flatMap((packet) => lacing(packet.data.length));
    const bodyBytes = packets.reduce((sum, packet) => sum + packet.data.length, 0);
    const page = new Uint8Array(HEADER_BYTES + lacingValues.length + bodyBytes);
    const view = new DataView(page.buffer);
    page.set(CAPTURE_PATTERN, 0);
    page[4] = 0; // stream structure version
    page[5] = (this.sequence === 0 ? FLAG_BEGINNING_OF_STREAM : 0) | (last ? FLAG_END_OF_STREAM : 0);
    view.setBigUint64(6, BigInt(packets.at(-1)!.granule), true);
    view.setUint32(14, this.serial, true);
    view.setUint32(18, this.sequence, true);
    page[26] = lacingValues.length;
    page.set(lacingValues, HEADER_BYTES);
    let offset = HEADER_BYTES + lacingValues.length;
    for (const packet of packets) {
      page.set(packet.data, offset);
      offset += packet.data.length;
    }
    view.setUint32(22, oggCrc32(page), true); // computed with the checksum field still zero
    this.sequence += 1;
    return page;
  }
}
