/**
 * Integrated loudness of mono audio after ITU-R BS.1770-4 (K-weighting, 400 ms blocks with
 * 75 % overlap, absolute gate at -70 LUFS, relative gate 10 LU below), and normalization of the
 * service's output to a target loudness. The K-weighting filters are derived for any sample rate
 * from their analog prototypes, as libebur128 does; at 48 kHz they equal the standard's
 * coefficients (a test checks this). No maintained npm package fits: the one EBU R128 package
 * (ebur128-wasm) is a bundler-only WebAssembly build that Node cannot import.
 */

/** Loudness the service's speech is normalized to by default (a common level for spoken content). */
export const DEFAULT_TARGET_LUFS = -16;
/** Normalization never lifts a sample above this peak (-1 dBFS): the ceiling wins over the target. */
export const PEAK_CEILING = 10 ** (-1 / 20);

const BLOCK_SECONDS = 0.4;
const STEP_SECONDS = 0.1;
const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = 10;
const LOUDNESS_OFFSET = -0.691;

type Biquad = { b: [number, number, number]; a: [number, number] };

/** The two K-weighting stages (high shelf, then high pass) for `sampleRate`. */
export function kWeightingFilters(sampleRate: number): [Biquad, Biquad] {
  let k = Math.tan((Math.PI * 1681.974450955533) / sampleRate);
  let q = 0.7071752369554196;
  const vh = 10 ** (3.999843853973347 / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / q + k * k;
  const shelf: Biquad = {
    b: [(vh + (vb * k) / q + k * k) / a0, (2 * (k * k - vh)) / a0, (vh - (vb * k) / q + k * k) / a0],
    a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0],
  };
  k = Math.tan((Math.PI * 38.13547087602444) / sampleRate);
  q = 0.5003270373238773;
  a0 = 1 + k / q + k * k;
  const highPass: Biquad = { b: [1, -2, 1], a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0] };
  return [shelf, highPass];
}

/** Integrated loudness in LUFS; -Infinity for silence. Audio shorter than one block is measured as one block. */
export function integratedLoudness(samples: Float32Array, sampleRate: number): number {
  const [shelf, highPass] = kWeightingFilters(sampleRate);
  const weighted = applyBiquad(applyBiquad(Float64Array.from(samples), shelf), highPass);
  const powers = blockPowers(weighted, sampleRate);
  const loudness = (power: number) => LOUDNESS_OFFSET + 10 * Math.log10(power);
  const aboveAbsolute = powers.filter((p) => loudness(p) > ABSOLUTE_GATE_LUFS);
  if (aboveAbsolute.length === 0) return -Infinity;
  const relativeGate = loudness(mean(aboveAbsolute)) - RELATIVE_GATE_LU;
  return loudness(mean(aboveAbsolute.filter((p) => loudness(p) > relativeGate)));
}

/**
 * A copy scaled to `targetLufs`, or less where the peak would pass PEAK_CEILING; silence and
 * audio too quiet to measure come back unchanged.
 */
export function normalizeLoudness(samples: Float32Array, sampleRate: number, targetLufs: number): Float32Array {
  const measured = integratedLoudness(samples, sampleRate);
  if (!Number.isFinite(measured)) return samples;
  let peak = 0;
  for (let i = 0; i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]!));
  const gain = Math.min(10 ** ((targetLufs - measured) / 20), PEAK_CEILING / peak);
  return samples.map((s) => s * gain);
}

function applyBiquad(x: Float64Array, { b, a }: Biquad): Float64Array {
  const y = new Float64Array(x.length);
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const value = b[0] * x[i]! + b[1] * x1 + b[2] * x2 - a[0] * y1 - a[1] * y2;
    x2 = x1;
    x1 = x[i]!;
    y2 = y1;
    y1 = value;
    y[i] = value;
  }
  return y;
}

/** Mean square of each 400 ms block, one block every 100 ms. */
function blockPowers(weighted: Float64Array, sampleRate: number): number[] {
  const block = Math.round(BLOCK_SECONDS * sampleRate);
  const step = Math.round(STEP_SECONDS * sampleRate);
  if (weighted.length < block) return weighted.length === 0 ? [] : [meanSquare(weighted, 0, weighted.length)];
  const powers: number[] = [];
  for (let start = 0; start + block <= weighted.length; start += step) powers.push(meanSquare(weighted, start, start + block));
  return powers;
}

function meanSquare(x: Float64Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += x[i]! * x[i]!;
  return sum / (end - start);
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
