/**
 * The text stage over HTTP on the tiny model: what the status says was spoken, captions that
 * a real subtitle parser reads and that match the audio, pauses in the audio timeline, the
 * lexicon API and the errors a user meets (empty text, bad lexicon entries).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from '@plussub/srt-vtt-parser';
import { SAMPLE_RATE_HZ } from '../../../server/shared/audio-constants.ts';
import { parseWav } from './audio-fixtures.ts';
import { useTestServer, waitForStatus, type TestServer } from '../../support/test-server.ts';
import { expectedTinySamples } from './tiny-expectations.ts';

interface Status {
  status: string;
  spoken_text: string;
  spoken_chunks: string[];
  unspeakable: Record<string, number>;
  captions_url: string;
  audio: { duration_seconds: number };
}

const MS_PER_SECOND = 1000;
/** Spelled-out numbers make long chunks; on a loaded machine the tiny model needs a while for them. */
const JOB_TIMEOUT_MS = 180_000;

interface Cue {
  from: number;
  to: number;
  text: string;
}

/** SRT or WebVTT through @plussub/srt-vtt-parser (times in milliseconds). */
function parseCaptions(raw: string): { entries: Cue[] } {
  return parse(raw) as { entries: Cue[] };
}

async function complete(ts: TestServer, body: Record<string, unknown>): Promise<{ id: string; status: Status }> {
  const response = await ts.post('/tts/synthesize', body);
  assert.equal(response.status, 202, await response.clone().text());
  const { chatterbox_id: id } = (await response.json()) as { chatterbox_id: string };
  const status = (await waitForStatus(ts, id, undefined, JOB_TIMEOUT_MS)) as unknown as Status;
  assert.equal(status.status, 'COMPLETE', JSON.stringify(status));
  return { id, status };
}

async function wavSeconds(ts: TestServer, id: string): Promise<number> {
  const wav = parseWav(new Uint8Array(await (await ts.request(`/tts/audio/${id}`)).arrayBuffer()));
  return wav.samples / wav.sampleRate;
}

async function errorOf(response: Response): Promise<{ code: string; field?: string; message: string }> {
  return ((await response.json()) as { error: { code: string; field?: string; message: string } }).error;
}

describe('speakable text over HTTP', () => {
  let ts: TestServer;
  useTestServer((server) => (ts = server));

  it('reports what the model was given, chunk by chunk, and the characters it could not say', async () => {
    // Thai has no token in the tiny vocabulary and no compatibility form: dropped and counted.
    const { status } = await complete(ts, { text: 'Hello there, ก friend. How are you today?', seed: 3 });
    assert.deepEqual(status.spoken_chunks, ['Hello there, friend.', 'How are you today?']);
    assert.equal(status.spoken_text, 'Hello there, friend.\nHow are you today?');
    assert.deepEqual(status.unspeakable, { ก: 1 });
    assert.match(status.captions_url, /^\/tts\/captions\//);
  });

  it('speaks an LLM-style German answer without digits or symbols: ordinal, decimal, percent and euro as words, three chunks at most', async () => {
    const text = '**Heute** ist der 3. Dezember 2026, es sind 21,5 °C und 15 % Regen. Kosten: 12,99 €.';
    const { id, status } = await complete(ts, { text, language: 'de', seed: 1 });
    assert.doesNotMatch(status.spoken_text, /[0-9*%€°]/u);
    for (const words of [/dritte/u, /einundzwanzig Komma fünf/u, /Prozent/u, /Euro/u]) assert.match(status.spoken_text, words);
    assert.ok(status.spoken_chunks.length <= 3, status.spoken_text);
    assert.deepEqual(status.unspeakable, {});
    const { entries } = parseCaptions(await (await ts.request(`/tts/captions/${id}?format=srt`)).text());
    assert.equal(entries.length, status.spoken_chunks.length);
    assert.match(entries[0]!.text, /3\. Dezember 2026/u);
  });

  it('does the same for English: $1,234.56 and 3rd become words', async () => {
    const { status } = await complete(ts, { text: 'On December 3rd the bill was $1,234.56 in total.', seed: 1 });
    assert.doesNotMatch(status.spoken_text, /[0-9$]/u);
    for (const words of [/third/u, /one thousand two hundred thirty-four dollars/u, /fifty-six cents/u]) assert.match(status.spoken_text, words);
  });

  it('serves SRT and WebVTT captions a subtitle parser reads: one cue per chunk, the text as written, the last cue ending with the audio', async () => {
    const text = 'The first sentence is here. [pause 700ms] And this is the second one!\n\nA new paragraph ends it.';
    const { id, status } = await complete(ts, { text, seed: 5 });
    const seconds = await wavSeconds(ts, id);
    for (const format of ['srt', 'vtt'] as const) {
      const response = await ts.request(`/tts/captions/${id}?format=${format}`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', format === 'srt' ? /^application\/x-subrip/ : /^text\/vtt/);
      const { entries } = parseCaptions(await response.text());
      assert.equal(entries.length, status.spoken_chunks.length);
      assert.deepEqual(entries.map((cue) => cue.text), ['The first sentence is here.', 'And this is the second one!', 'A new paragraph ends it.']);
      for (const [i, cue] of entries.entries()) {
        assert.ok(cue.from < cue.to, `cue ${i} has a length`);
        if (i > 0) assert.ok(cue.from > entries[i - 1]!.to, `cue ${i} starts after the pause that follows cue ${i - 1}`);
      }
      assert.ok(Math.abs(entries.at(-1)!.to / MS_PER_SECOND - seconds) < 0.1, `last cue ends at ${entries.at(-1)!.to} ms, audio is ${seconds} s`);
      // The inline pause is the gap between the first two cues (its fades are inside the cues).
      assert.ok(Math.abs(entries[1]!.from - entries[0]!.to - 700) <= 2, `gap ${entries[1]!.from - entries[0]!.to} ms`);
    }
  });

  it('scales caption times with the speed change: the last cue still ends with the audio', async () => {
    const { id } = await complete(ts, { text: 'A sentence at double speed. Another sentence follows it.', seed: 5, speed: 2 });
    const seconds = await wavSeconds(ts, id);
    const { entries } = parseCaptions(await (await ts.request(`/tts/captions/${id}?format=vtt`)).text());
    assert.equal(entries.length, 2);
    assert.ok(Math.abs(entries.at(-1)!.to / MS_PER_SECOND - seconds) < 0.1, `last cue ends at ${entries.at(-1)!.to} ms, audio is ${seconds} s`);
  });

  it('puts an inline pause into the audio: [pause 800ms] is 0.5 s longer than [pause 300ms], same seed', async () => {
    const long = await complete(ts, { text: 'One sentence here. [pause 800ms] Another one there.', seed: 9 });
    const short = await complete(ts, { text: 'One sentence here. [pause 300ms] Another one there.', seed: 9 });
    const difference = (await wavSeconds(ts, long.id)) - (await wavSeconds(ts, short.id));
    assert.ok(Math.abs(difference - 0.5) < 1 / SAMPLE_RATE_HZ + 1e-9, `difference ${difference} s`);
    const expected = await expectedTinySamples('One sentence here. [pause 800ms] Another one there.');
    assert.equal(Math.round((await wavSeconds(ts, long.id)) * SAMPLE_RATE_HZ), expected.samples);
  });

  it('answers 404 for captions of an unknown job, 410 for a deleted one, 400 for an unknown format', async () => {
    assert.equal((await ts.request('/tts/captions/00000000-0000-4000-8000-000000000000')).status, 404);
    const { id } = await complete(ts, { text: 'Soon gone.' });
    assert.equal((await ts.request(`/tts/captions/${id}?format=ass`)).status, 400);
    assert.equal((await ts.request(`/tts/jobs/${id}`, { method: 'DELETE' })).status, 200);
    assert.equal((await ts.request(`/tts/captions/${id}`)).status, 410);
  });

  it('refuses a text with nothing to speak with 422 empty_text', async () => {
    const response = await ts.post('/tts/synthesize', { text: '... !!! ???' });
    assert.equal(response.status, 422);
    assert.deepEqual(await errorOf(response), { code: 'empty_text', field: 'text', message: (await errorOf(await ts.post('/tts/synthesize', { text: '!!!' }))).message });
  });

  it('stores, lists and deletes a language lexicon, and applies it with the inline one winning', async () => {
    assert.deepEqual(await (await ts.request('/lexicons/en')).json(), { language: 'en', entries: {} });
    const put = await ts.request('/lexicons/en', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ entries: { gizmo: 'gadget', kuchen: 'cake' } }) });
    assert.equal(put.status, 200);
    assert.deepEqual(await (await ts.request('/lexicons/en')).json(), { language: 'en', entries: { gizmo: 'gadget', kuchen: 'cake' } });
    const { status } = await complete(ts, { text: 'My gizmo likes kuchen.', lexicon: { kuchen: 'pie' } });
    assert.deepEqual(status.spoken_chunks, ['My gadget likes pie.']);
    const plain = await complete(ts, { text: 'My gizmo likes kuchen.', language: 'en' });
    assert.deepEqual(plain.status.spoken_chunks, ['My gadget likes cake.']);
    assert.deepEqual(await (await ts.request('/lexicons/en', { method: 'DELETE' })).json(), { language: 'en', deleted: true });
    assert.deepEqual(await (await ts.request('/lexicons/en')).json(), { language: 'en', entries: {} });
  });

  it('names the offending lexicon entry: empty, too long, looping, inline or stored, and an unknown language', async () => {
    const putEntries = (entries: Record<string, string>, language = 'de') =>
      ts.request(`/lexicons/${language}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ entries }) });
    const cases: Array<[Record<string, string>, string]> = [
      [{ Dr: '' }, 'entries.Dr'],
      [{ lang: 'x'.repeat(201) }, 'entries.lang'],
      [{ ping: 'pong', pong: 'ping' }, 'entries.ping'],
      [{ echo: 'echo echo' }, 'entries.echo'],
    ];
    for (const [entries, field] of cases) {
      const response = await putEntries(entries);
      assert.equal(response.status, 400, JSON.stringify(entries));
      const error = await errorOf(response);
      assert.deepEqual([error.code, error.field], ['invalid_lexicon', field], error.message);
    }
    assert.equal((await putEntries({ a: 'b' }, 'xx')).status, 400);
    const inline = await ts.post('/tts/synthesize', { text: 'Hallo Dr. Meier.', language: 'de', lexicon: { Dr: ' ' } });
    assert.equal(inline.status, 400);
    assert.deepEqual([(await errorOf(inline)).field], ['lexicon.Dr']);
    // Valid alone, looping together with the stored lexicon: the merged lexicon is refused.
    assert.equal((await putEntries({ north: 'south' })).status, 200);
    const merged = await ts.post('/tts/synthesize', { text: 'Nach north.', language: 'de', lexicon: { south: 'north' } });
    assert.equal(merged.status, 400);
    assert.equal((await errorOf(merged)).code, 'invalid_lexicon');
  });

  it('reads the text as written with normalize: false: Markdown asterisks reach the tokenizer pass, which drops them', async () => {
    const { status } = await complete(ts, { text: 'Plain **text** here.', normalize: false });
    assert.deepEqual(status.spoken_chunks, ['Plain text here.']);
    assert.deepEqual(status.unspeakable, { '*': 4 });
  });

  it('publishes the new request fields and routes in the OpenAPI document', async () => {
    const doc = (await (await ts.request('/openapi.json')).json()) as { paths: Record<string, object>; components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    assert.ok(doc.paths['/tts/captions/{id}']);
    assert.deepEqual(Object.keys(doc.paths['/lexicons/{language}']!).sort(), ['delete', 'get', 'put']);
    for (const field of ['normalize', 'lexicon']) {
      assert.ok(doc.components.schemas.SynthesizeRequest!.properties[field], field);
      assert.ok(doc.components.schemas.CreateSpeechRequest!.properties[field], field);
    }
    for (const field of ['spoken_text', 'spoken_chunks', 'unspeakable', 'captions_url']) assert.ok(doc.components.schemas.JobStatus!.properties[field], field);
  });
});
