/** Imported on first FLAC encode only (see lazyRegistration in ./mediabunny-encoder.ts). */
import { registerFlacEncoder } from '@mediabunny/flac-encoder';

registerFlacEncoder();
