/** A mono 16-bit PCM WAV of a sine tone: a reference clip any decoder reads. */
export function toneWav(seconds: number, sampleRate = 24_000, frequencyHz = 220): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i += 1) {
    wav.writeInt16LE(
      Math.round(Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate) * 0.4 * 0x7fff),
      44 + i * 2,
    );
  }
  return wav;
}
