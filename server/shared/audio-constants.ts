/** Chatterbox's decoder renders 24 kHz mono; everything downstream keeps that rate. */
export const SAMPLE_RATE_HZ = 24_000;
/** One speech token decodes to 40 ms of audio (2 mel frames x 480 samples). */
export const SAMPLES_PER_SPEECH_TOKEN = 960;
