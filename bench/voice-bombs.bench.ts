/**
 * Decode bombs against the real service (issue 15 item 3): for the 144 KB WAV declaring 65,535
 * channels and the 490 KB FLAC of one hour, the answer, the process's peak RSS growth and the
 * event loop's longest stall while the upload is handled. In-process, tiny model, port 0.
 * On code without the header check the WAV costs gigabytes: run it under a memory watchdog.
 *
 * Usage: node --import tsx bench/voice-bombs.bench.ts [--only wav|flac] [--json]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { flacBomb, wavBomb } from '../test/server/audio/bomb-fixtures.ts';
import { uploadForm } from '../test/server/http/audio-fixtures.ts';
import { startTestServer } from '../test/support/test-server.ts';

const { values: args } = parseArgs({ options: { only: { type: 'string' }, json: { type: 'boolean', default: false } } });
const MEBIBYTE = 1024 * 1024;
const RSS_SAMPLE_MS = 10;

const ts = await startTestServer();
const results = [];
const bombs = [
  ['wav-65535-channels', wavBomb],
  ['flac-one-hour', flacBomb],
] as const;
for (const [name, make] of bombs.filter(([name]) => args.only === undefined || name.startsWith(args.only))) {
  const bytes = make();
  const rssBefore = process.memoryUsage.rss();
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), RSS_SAMPLE_MS);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const response = await ts.request('/voices', { method: 'POST', body: uploadForm(bytes, name) });
  const body = (await response.json()) as { error?: { code: string } };
  const wallMs = performance.now() - started;
  delay.disable();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  const result = {
    file: name,
    fileKb: Math.round(bytes.byteLength / 1024),
    status: response.status,
    code: body.error?.code ?? null,
    wallMs: Math.round(wallMs),
    rssBeforeMb: Math.round(rssBefore / MEBIBYTE),
    peakRssGrowthMb: Math.round((peak - rssBefore) / MEBIBYTE),
    rssAfterMb: Math.round(process.memoryUsage.rss() / MEBIBYTE),
    maxEventLoopStallMs: Math.round(delay.max / 1e6),
  };
  results.push(result);
  if (!args.json) console.log(`${name}: ${result.status} ${result.code}, ${result.wallMs} ms, RSS ${result.rssBeforeMb} MB +${result.peakRssGrowthMb} MB peak, event loop stalled up to ${result.maxEventLoopStallMs} ms`);
}
for (const result of results) console.log(JSON.stringify({ bench: 'voice-bombs', ...result }));
await ts.close();
