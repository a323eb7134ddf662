/** Imported on first AAC encode only (see lazyRegistration in ./mediabunny-encoder.ts). */
import { registerAacEncoder } from '@mediabunny/aac-encoder';

registerAacEncoder();
