export type { FormatDescriptor, StreamEncoder } from './format-descriptor.ts';
export { createStreamEncoder, encode, FORMAT_DESCRIPTORS, getFormat } from './formats.ts';
