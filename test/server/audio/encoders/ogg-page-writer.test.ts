import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oggCrc32, OggPageWriter } from '../../../../server/audio/encoders/ogg-page-writer.ts';

function readPage(page: Uint8Array) {
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  const segments = page[26]!;
  const withoutCrc = page.slice();
  withoutCrc.fill(0, 22, 26);
  return {
    capture: String.fromCharCode(...page.subarray(0, 4)),
    flags: page[5],
    granule: Number(view.getBigUint64(6, true)),
    serial: view.getUint32(14, true),
    sequence: view.getUint32(18, true),
    crcMatches: view.getUint32(22, true) === oggCrc32(withoutCrc),
    lacing: [...page.subarray(27, 27 + segments)],
    bodyBytes: page.length - 27 - segments,
  };
}

const packet = (length: number, granule: number) => ({ data: new Uint8Array(length).fill(7), granule });

describe('ogg page writer', () => {
  it('computes the Ogg CRC-32 (polynomial 0x04C11DB7, no reflection, zero init)', () => {
    assert.equal(oggCrc32(new TextEncoder().encode('123456789')), 0x89a1897f);
  });

  it('flags the first page as beginning and the last as end of stream, numbering pages in order', () => {
    const writer = new OggPageWriter(0x1234);
    const [first] = writer.pages([packet(19, 0)]);
    const [middle] = writer.pages([packet(10, 960), packet(20, 1920)]);
    const [last] = writer.pages([packet(5, 2500)], true);

    assert.deepEqual([first, middle, last].map((page) => readPage(page!)), [
      { capture: 'OggS', flags: 0x02, granule: 0, serial: 0x1234, sequence: 0, crcMatches: true, lacing: [19], bodyBytes: 19 },
      { capture: 'OggS', flags: 0, granule: 1920, serial: 0x1234, sequence: 1, crcMatches: true, lacing: [10, 20], bodyBytes: 30 },
      { capture: 'OggS', flags: 0x04, granule: 2500, serial: 0x1234, sequence: 2, crcMatches: true, lacing: [5], bodyBytes: 5 },
    ]);
  });

  it('ends a packet whose length is a multiple of 255 with a zero lacing value', () => {
    const [page] = new OggPageWriter(1).pages([packet(510, 960)]);

    assert.deepEqual(readPage(page!).lacing, [255, 255, 0]);
  });

  it('starts a new page when 255 lacing values are used up, never splitting a packet', () => {
    const packets = Array.from({ length: 300 }, (_, index) => packet(3, (index + 1) * 960));

    const pages = new OggPageWriter(1).pages(packets, true).map(readPage);

    assert.deepEqual(pages.map((page) => [page.lacing.length, page.granule, page.flags]), [
      [255, 255 * 960, 0x02],
      [45, 300 * 960, 0x04],
    ]);
  });
});
