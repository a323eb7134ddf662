// Records a reference clip from the microphone with MediaRecorder and hands it back as a
// 16-bit mono WAV: browsers record WebM/Ogg Opus, which not every server-side decoder reads,
// while WAV always decodes.

const WAV_HEADER_BYTES = 44;
const BITS_PER_SAMPLE = 16;
const INT16_MAX = 0x7fff;

export function canRecord() {
  return typeof MediaRecorder !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);
}

/** Encodes the first channel of an AudioBuffer as a PCM WAV file. */
export function encodeWav(buffer) {
  const samples = buffer.getChannelData(0);
  const dataBytes = samples.length * 2;
  const view = new DataView(new ArrayBuffer(WAV_HEADER_BYTES + dataBytes));
  const ascii = (offset, text) =>
    [...text].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, buffer.sampleRate, true);
  view.setUint32(28, buffer.sampleRate * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, BITS_PER_SAMPLE, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  samples.forEach((sample, i) => {
    const clamped = Math.max(-1, Math.min(1, sample));
    view.setInt16(WAV_HEADER_BYTES + i * 2, Math.round(clamped * INT16_MAX), true);
  });
  return new Blob([view.buffer], { type: 'audio/wav' });
}

async function toWav(recorded) {
  const context = new OfflineAudioContext(1, 1, 48000);
  const buffer = await context.decodeAudioData(await recorded.arrayBuffer());
  return encodeWav(buffer);
}

/**
 * Starts recording at once (the browser asks for microphone permission first).
 * @returns {Promise<{ stop: () => Promise<Blob>, cancel: () => void }>} `stop` resolves with a WAV clip
 */
export async function startRecording() {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const recorder = new MediaRecorder(stream);
  const parts = [];
  recorder.addEventListener('dataavailable', (event) => {
    if (event.data.size > 0) parts.push(event.data);
  });
  const stopped = new Promise((resolve) =>
    recorder.addEventListener('stop', resolve, { once: true }),
  );
  const release = () => stream.getTracks().forEach((track) => track.stop());
  recorder.start();
  return {
    async stop() {
      recorder.stop();
      await stopped;
      release();
      return toWav(new Blob(parts, { type: recorder.mimeType }));
    },
    cancel() {
      if (recorder.state !== 'inactive') recorder.stop();
      release();
    },
  };
}
