/**
 * Opus in Ogg (RFC 7845) through @evan/opus's WebAssembly build of libopus (MIT; the WASM ships
 * in the package and loads from disk). libopus accepts 24 kHz input natively (it takes
 * 8/12/16/24/48 kHz), so the samples need no resampling: the model rate is recorded in OpusHead
 * and decoders output 48 kHz as every Opus decoder does. Granule positions count 48 kHz samples.
 * (opusscript was tried first: its cached heap views break once ~80 encoders make the WASM
 * memory grow; @evan/opus refreshes them.)
 */
import { Encoder } from '@evan/opus/wasm/index.js';
import { SAMPLE_RATE_HZ } from '../../shared/audio-constants.ts';
import { floatToPcm16 } from '../pcm16.ts';
import type { FormatDescriptor } from './format-descriptor.ts';
import { encodeThroughStream, guardStreamEncoder } from './guarded-stream-encoder.ts';
import { type OggPacket, OggPageWriter } from './ogg-page-writer.ts';
import { concatBytes } from './pcm-samples.ts';

/** 32 kbit/s: within Opus's recommended 28-40 kbit/s for fullband speech; 24 kHz input is narrower. */
const OPUS_BITRATE_BPS = 32_000;
const OPUS_RATE_HZ = 48_000;
const GRANULE_PER_INPUT_SAMPLE = OPUS_RATE_HZ / SAMPLE_RATE_HZ;
/** 20 ms frames, the libopus default and best quality/overhead trade-off. */
const FRAME_SAMPLES = SAMPLE_RATE_HZ / 50;
const CHANNELS = 1;
const OPUS_SET_BITRATE = 4002;
const OPUS_GET_LOOKAHEAD = 4027;
const VENDOR = 'chatterbox-server (libopus via @evan/opus WASM)';

/** Identification header (RFC 7845 section 5.1), channel mapping family 0. */
function opusHead(preSkip: number): Uint8Array {
  const head = new Uint8Array(19);
  const view = new DataView(head.buffer);
  head.set(new TextEncoder().encode('OpusHead'), 0);
  head[8] = 1; // version
  head[9] = CHANNELS;
  view.setUint16(10, preSkip, true);
  view.setUint32(12, SAMPLE_RATE_HZ, true); // original input rate, informational
  view.setInt16(16, 0, true); // output gain
  head[18] = 0; // mapping family: mono/stereo
  return head;
}

/** Comment header (RFC 7845 section 5.2) with the vendor string and no user comments. */
function opusTags(): Uint8Array {
  const vendor = new TextEncoder().encode(VENDOR);
  const tags = new Uint8Array(8 + 4 + vendor.length + 4);
  const view = new DataView(tags.buffer);
  tags.set(new TextEncoder().encode('OpusTags'), 0);
  view.setUint32(8, vendor.length, true);
  tags.set(vendor, 12);
  view.setUint32(12 + vendor.length, 0, true);
  return tags;
}

/** Encodes 20 ms frames as samples arrive; the remainder waits for the next push or end. */
class OpusOggStream {
  private readonly opus = new Encoder({ channels: CHANNELS, sample_rate: SAMPLE_RATE_HZ, application: 'audio' });
  private readonly pager = new OggPageWriter(crypto.getRandomValues(new Uint32Array(1))[0]!);
  /** The encoder's look-ahead at the input rate: decoders drop it again as pre-skip. */
  private readonly lookahead: number;
  private pending = new Int16Array(0);
  private inputSamples = 0;
  private encodedSamples = 0;

  constructor() {
    this.opus.ctl(OPUS_SET_BITRATE, OPUS_BITRATE_BPS);
    this.lookahead = this.opus.ctl(OPUS_GET_LOOKAHEAD);
  }

  push(samples: Float32Array): Uint8Array {
    const headers = this.inputSamples === 0 && samples.length > 0 ? this.headerPages() : [];
    this.inputSamples += samples.length;
    const pcm = new Int16Array(this.pending.length + samples.length);
    pcm.set(this.pending);
    pcm.set(floatToPcm16(samples), this.pending.length);
    const whole = pcm.length - (pcm.length % FRAME_SAMPLES);
    this.pending = pcm.slice(whole);
    return concatBytes([...headers, ...this.pager.pages(this.encodeFrames(pcm.subarray(0, whole)))]);
  }

  /** Pads with silence until the look-ahead has passed the last input sample, then trims by granule. */
  end(): Uint8Array {
    const needed = this.inputSamples + this.lookahead - this.encodedSamples;
    const tail = new Int16Array(Math.ceil(needed / FRAME_SAMPLES) * FRAME_SAMPLES);
    tail.set(this.pending);
    const packets = this.encodeFrames(tail);
    packets.at(-1)!.granule = (this.lookahead + this.inputSamples) * GRANULE_PER_INPUT_SAMPLE;
    return concatBytes(this.pager.pages(packets, true));
  }

  release(): void {
    this.opus.drop();
  }

  private headerPages(): Uint8Array[] {
    const head = opusHead(this.lookahead * GRANULE_PER_INPUT_SAMPLE);
    // Each header packet sits alone on its page, as RFC 7845 requires.
    return [...this.pager.pages([{ data: head, granule: 0 }]), ...this.pager.pages([{ data: opusTags(), granule: 0 }])];
  }

  private encodeFrames(pcm: Int16Array): OggPacket[] {
    const packets: OggPacket[] = [];
    for (let start = 0; start < pcm.length; start += FRAME_SAMPLES) {
      const data = this.opus.encode(pcm.subarray(start, start + FRAME_SAMPLES));
      this.encodedSamples += FRAME_SAMPLES;
      packets.push({ data, granule: this.encodedSamples * GRANULE_PER_INPUT_SAMPLE });
    }
    return packets;
  }
}

export const opusFormat: FormatDescriptor = {
  format: 'opus',
  contentType: 'audio/ogg; codecs=opus',
  extension: 'opus',
  encode(samples) {
    return encodeThroughStream(this.createStreamEncoder(), samples);
  },
  createStreamEncoder() {
    return guardStreamEncoder('opus', new OpusOggStream());
  },
};
