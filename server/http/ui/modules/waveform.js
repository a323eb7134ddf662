// Draws a clip's waveform on a canvas and the playback position over it; clicking the
// canvas seeks. Decoding uses the browser's own decoders (Web Audio), no library.

const PEAK_COLOR_VAR = '--wave';
const PLAYED_COLOR_VAR = '--accent';

/** Decodes an encoded clip into mono peaks: one [min, max] pair per bucket. */
export async function computePeaks(blob, buckets) {
  // An OfflineAudioContext decodes without the autoplay restrictions of a live AudioContext.
  const context = new OfflineAudioContext(1, 1, 48000);
  const buffer = await context.decodeAudioData(await blob.arrayBuffer());
  const samples = buffer.getChannelData(0);
  const size = Math.max(1, Math.floor(samples.length / buckets));
  const peaks = [];
  for (let start = 0; start < samples.length; start += size) {
    let min = 0;
    let max = 0;
    const end = Math.min(samples.length, start + size);
    for (let i = start; i < end; i += 1) {
      const value = samples[i];
      if (value < min) min = value;
      if (value > max) max = value;
    }
    peaks.push([min, max]);
  }
  return peaks;
}

function cssColor(element, name, fallback) {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

/**
 * Binds a canvas to an audio element.
 * @param {HTMLCanvasElement} canvas
 * @param {HTMLAudioElement} audio
 */
export function createWaveform(canvas, audio) {
  let peaks = [];

  function draw() {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (width === 0) return;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const g = canvas.getContext('2d');
    if (!g) return;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const played = audio.duration > 0 ? audio.currentTime / audio.duration : 0;
    const middle = height / 2;
    const column = width / Math.max(1, peaks.length);
    const waveColor = cssColor(canvas, PEAK_COLOR_VAR, '#999');
    const playedColor = cssColor(canvas, PLAYED_COLOR_VAR, '#36c');
    peaks.forEach(([min, max], index) => {
      const x = index * column;
      g.fillStyle = x / width < played ? playedColor : waveColor;
      const top = middle - max * middle;
      g.fillRect(x, top, Math.max(1, column - 0.5), Math.max(1, (max - min) * middle));
    });
  }

  audio.addEventListener('timeupdate', draw);
  audio.addEventListener('seeked', draw);
  window.addEventListener('resize', draw);
  canvas.addEventListener('click', (event) => {
    if (!(audio.duration > 0)) return;
    const fraction = (event.clientX - canvas.getBoundingClientRect().left) / canvas.clientWidth;
    audio.currentTime = Math.min(audio.duration, Math.max(0, fraction * audio.duration));
  });

  return {
    /** Shows `blob`'s waveform; a clip the browser cannot decode just leaves the canvas empty. */
    async show(blob) {
      peaks = [];
      draw();
      try {
        peaks = await computePeaks(blob, Math.max(64, Math.round(canvas.clientWidth / 3)));
      } catch {
        peaks = [];
      }
      draw();
    },
    clear() {
      peaks = [];
      draw();
    },
  };
}
