/**
 * Text stage benchmark: median time of prepareSpeech (Markdown parsing, normalization, sentence
 * splitting) for a 2,000-character LLM-style Markdown answer after warm-up, per language
 * (en, de, zh). Target: at most 2 ms (issue 10). Prints a line per language and one JSON line.
 * Besides wall time it reports the CPU time of the process per call (process.cpuUsage), which
 * a busy shared machine inflates far less than wall time.
 *
 * Usage: node --import tsx bench/text.bench.ts [--runs 200] [--warmup 50]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { LanguageCode } from '../server/shared/languages.ts';
import { prepareSpeech } from '../server/text/index.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '200' }, warmup: { type: 'string', default: '50' } } });
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);
const TARGET_CHARS = 2000;

const PARAGRAPHS: Partial<Record<LanguageCode, string>> = {
  en: `## Your trip on 2026-12-03\n\n**Good news!** The train leaves at 14:30 from platform 3 and costs $1,234.56 for 2 people, about 15 % less than last year. It is 21.5 °C in Rome, e.g. warm enough for a walk of 3–5 km. See [the timetable](https://www.example.com/trains) or mail help@example.com 🎉.\n\n- Bring 2 GB of free space\n- Call +1 555 123 4567 if late\n\n`,
  de: `## Ihre Reise am 3. Dezember\n\n**Gute Nachricht!** Der Zug fährt um 14:30 von Gleis 3 und kostet 1.234,56 € für 2 Personen, etwa 15 % weniger als letztes Jahr. In Rom sind es 21,5 °C, z. B. warm genug für 3–5 km zu Fuß. Siehe [Fahrplan](https://www.example.com/trains) oder schreiben Sie an hilfe@example.com 🎉.\n\n- 2 GB Speicher frei halten\n- Bei Verspätung +49 170 1234567 anrufen\n\n`,
  zh: `## 您在2026-12-03的行程\n\n**好消息！**火车14:30从3号站台出发，两人共¥1234.56，比去年便宜约15%。罗马气温21.5°C，适合步行3–5公里。请查看[时刻表](https://www.example.com/trains)🎉。\n\n- 预留2GB空间\n- 晚点请拨打+86 138 0013 8000\n\n`,
};

function sample(paragraph: string): string {
  let text = '';
  while (text.length < TARGET_CHARS) text += paragraph;
  return text.slice(0, TARGET_CHARS);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const results: Record<string, { medianMs: number; p90Ms: number; cpuMedianMs: number; chars: number; chunks: number }> = {};
for (const [language, paragraph] of Object.entries(PARAGRAPHS) as [LanguageCode, string][]) {
  const text = sample(paragraph);
  for (let i = 0; i < WARMUP; i++) prepareSpeech(text, language);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let chunks = 0;
  for (let i = 0; i < RUNS; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    chunks = prepareSpeech(text, language).chunks.length;
    times.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  times.sort((a, b) => a - b);
  const result = { medianMs: median(times), p90Ms: times[Math.floor(times.length * 0.9)]!, cpuMedianMs: median(cpuTimes), chars: text.length, chunks };
  results[language] = result;
  console.log(
    `${language}: ${text.length} chars -> ${chunks} chunks, median ${result.medianMs.toFixed(3)} ms wall (p90 ${result.p90Ms.toFixed(3)}), ${result.cpuMedianMs.toFixed(3)} ms CPU (target <= 2 ms)`,
  );
}
console.log(JSON.stringify({ bench: 'text', runs: RUNS, warmup: WARMUP, loadavg: loadavg()[0], node: process.version, results }));
