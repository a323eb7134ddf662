/**
 * Types for the WebAssembly build inside @evan/opus. The package's typed entry point loads a
 * prebuilt native addon first; the service uses the WASM build directly (no native code), which
 * the package ships without typings.
 */
declare module '@evan/opus/wasm/index.js' {
  export class Encoder {
    constructor(options: { channels?: 1 | 2; sample_rate?: 8000 | 12000 | 16000 | 24000 | 48000; application?: 'voip' | 'audio' | 'restricted_lowdelay' });
    /** opus_encoder_ctl: a getter when `value` is omitted, a setter otherwise. */
    ctl(request: number, value?: number): number;
    /** One frame of interleaved signed 16-bit samples to one Opus packet. */
    encode(pcm: ArrayBufferView): Uint8Array;
    /** Frees the encoder's WASM memory (also done on garbage collection). */
    drop(): void;
  }
}
