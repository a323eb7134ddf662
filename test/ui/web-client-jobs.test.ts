/**
 * The web client's job flow in real headless Chromium against the real service on the tiny
 * model, in order, like one person trying the page: key, submit, progress, play, download,
 * errors, history, phone width. Screenshots of the main states go to test-results/ui/.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumSkip } from '../support/requirements.ts';
import {
  API_KEY,
  JOB_TIMEOUT_MS,
  audioDuration,
  screenshot,
  submitText,
  waitForJobEnd,
  useUiSession,
  type UiSession,
} from './support/ui-session.ts';

/** Not the default (20 000), so the page can only show it by asking the service. */
const MAX_TEXT_CHARS = 1200;
/** Four sentences: the tiny model makes four chunks, so progress is visible for a few seconds. */
const LONG_TEXT =
  'The quick brown fox jumps over the lazy dog. A second sentence follows, a little longer than the first. ' +
  'Then a third one arrives and asks the model for more speech. Finally a fourth sentence ends this paragraph.';

describe('web client: jobs, in Chromium against the real service (tiny model)', { skip: chromiumSkip() }, () => {
  let session: UiSession;
  let page: Page;
  let firstJobId = '';

  useUiSession((opened) => { session = opened; page = opened.page; }, { maxTextChars: MAX_TEXT_CHARS });

  it('asks for the API key next to its field, keeps it, and then loads languages, voices and defaults', async () => {
    await page.goto(`${session.service.url}/ui`);
    const keyError = page.locator('#settings [data-error-for="api_key"]');
    await keyError.waitFor();
    assert.match((await keyError.textContent()) ?? '', /needs an API key/);
    await screenshot(page, 'first-visit');

    await page.fill('#api-key', API_KEY);
    await page.click('#settings button[type="submit"]');
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForSelector('#history-empty:not([hidden])');

    assert.equal(await page.locator('#language option').count(), 23);
    assert.equal(await page.inputValue('#language'), 'en');
    assert.equal(await page.inputValue('#voice'), 'default');
    assert.equal(await page.inputValue('#format'), 'wav');
    assert.equal(await page.inputValue('#param-temperature'), '0.8');
    assert.equal(
      await page.evaluate(() => localStorage.getItem('chatterbox.apiKey')),
      JSON.stringify(API_KEY),
    );
    assert.equal(await page.isHidden('#settings'), true);
    await screenshot(page, 'empty');
  });

  it('gives every control an accessible name', async () => {
    const unnamed = await page.$$eval('input, select, textarea, button', (controls) =>
      controls
        .filter((control) => {
          const labelled =
            (control as HTMLInputElement).labels?.length || control.getAttribute('aria-label');
          return !labelled && !(control.textContent ?? '').trim();
        })
        .map((control) => control.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unnamed, []);
  });

  it('shows the text limit the service publishes and marks a text over it', async () => {
    assert.equal(await page.textContent('#text-count'), '0 / 1,200 characters');
    await page.fill('#text', 'x'.repeat(MAX_TEXT_CHARS + 1));
    assert.equal(await page.textContent('#text-count'), '1,201 / 1,200 characters');
    assert.equal(await page.getAttribute('#text-count', 'class'), 'count over');
    await page.fill('#text', '');
  });

  it(
    'submits a job, shows its id at once, follows live progress over SSE and plays the finished audio',
    { timeout: JOB_TIMEOUT_MS },
    async () => {
      firstJobId = await submitText(page, LONG_TEXT);
      assert.match(firstJobId, /^[0-9a-f-]{36}$/);
      // The history row follows the watched job at once, well before the list's 2 s poll.
      await page.waitForSelector('#job-status[data-status="PROCESSING"]', { timeout: JOB_TIMEOUT_MS });
      await page
        .locator(`.history-item[data-id="${firstJobId}"][data-status="PROCESSING"]`)
        .waitFor({ timeout: 1000 });

      await page.waitForFunction(
        () =>
          /Chunk \d+ of 4/.test(document.querySelector('#job-progress-text')?.textContent ?? ''),
        null,
        { timeout: JOB_TIMEOUT_MS },
      );
      await screenshot(page, 'running');

      assert.equal(await waitForJobEnd(page), 'COMPLETE');
      assert.equal(
        await page.$eval('#job-status', (element) => (element as HTMLElement).dataset.via),
        'events',
      );
      const served = await session.status(firstJobId);
      const duration = await audioDuration(page);
      assert.ok(
        Math.abs(duration - (served.audio?.duration_seconds ?? 0)) < 0.05,
        `player ${duration} s, service ${served.audio?.duration_seconds} s`,
      );

      await page.$eval('#audio', (audio) => (audio as HTMLAudioElement).play());
      await page.waitForFunction(
        () => (document.querySelector('#audio') as HTMLAudioElement).currentTime > 0,
      );
      const inked = await page.$eval('#waveform', (canvas) => {
        const c = canvas as HTMLCanvasElement;
        const pixels = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
        return Array.prototype.some.call(
          pixels,
          (value: number, index: number) => index % 4 === 3 && value > 0,
        );
      });
      assert.ok(inked, 'the waveform canvas is drawn');
      await page.$eval('#audio', (audio) => (audio as HTMLAudioElement).pause());
      await screenshot(page, 'finished');
    },
  );

  it('downloads the audio under the job id, byte for byte what the service stored', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    assert.equal(download.suggestedFilename(), `${firstJobId}.wav`);
    const saved = await readFile(await download.path());
    const stored = Buffer.from(
      await (await session.service.api(`/tts/audio/${firstJobId}`)).arrayBuffer(),
    );
    assert.equal(saved.subarray(0, 4).toString('ascii'), 'RIFF');
    assert.ok(saved.equals(stored));
  });

  it(
    'follows a job by polling the status when the event stream is unavailable',
    { timeout: JOB_TIMEOUT_MS },
    async () => {
      await page.route('**/tts/events/**', (route) => route.abort());
      try {
        await submitText(page, 'Polling works too.');
        assert.equal(await waitForJobEnd(page), 'COMPLETE');
        assert.equal(
          await page.$eval('#job-status', (element) => (element as HTMLElement).dataset.via),
          'polling',
        );
        assert.ok((await audioDuration(page)) > 0);
      } finally {
        await page.unroute('**/tts/events/**');
      }
    },
  );

  it(
    'plays raw PCM by asking the service for WAV, and downloads the PCM itself',
    { timeout: JOB_TIMEOUT_MS },
    async () => {
      await page.selectOption('#format', 'pcm');
      const id = await submitText(page, 'Raw samples, please.');
      assert.equal(await waitForJobEnd(page), 'COMPLETE');
      assert.ok((await audioDuration(page)) > 0, 'the browser plays the WAV the service converted');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#download'),
      ]);
      assert.equal(download.suggestedFilename(), `${id}.pcm`);
      const saved = await readFile(await download.path());
      const stored = Buffer.from(
        await (await session.service.api(`/tts/audio/${id}`)).arrayBuffer(),
      );
      assert.ok(saved.equals(stored));
      await page.selectOption('#format', 'wav');
    },
  );

  it(
    'cancels a running job; it stays in the history as cancelled',
    { timeout: JOB_TIMEOUT_MS },
    async () => {
      const id = await submitText(page, LONG_TEXT);
      await page.waitForSelector('#job-status[data-status="PROCESSING"]', {
        timeout: JOB_TIMEOUT_MS,
      });
      await page.click('#job-cancel');
      await page.waitForSelector('#job-status[data-status="CANCELLED"]', {
        timeout: JOB_TIMEOUT_MS,
      });
      assert.equal(await page.isVisible('#job-error'), true);
      assert.equal((await session.status(id)).status, 'CANCELLED');
      await page.locator(`.history-item[data-id="${id}"][data-status="CANCELLED"]`).waitFor();
    },
  );

  it('shows the service error next to the field it concerns', async () => {
    await page.fill('#text', 'x'.repeat(MAX_TEXT_CHARS + 1));
    await page.click('#submit');
    const error = page.locator('#synth-form [data-error-for="text"]');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /1200|1,200|at most|too long/i);
    assert.equal(await page.getAttribute('#text', 'aria-invalid'), 'true');
    assert.match((await page.getAttribute('#text', 'aria-describedby')) ?? '', /error-text/);
    await screenshot(page, 'error');

    await page.fill('#text', 'Back to a valid text.');
    await page.click('#params-box summary');
    await page.fill('#seed', '1.5');
    await page.click('#submit');
    await page.locator('#synth-form [data-error-for="seed"]').waitFor();
    assert.equal(
      await page.isHidden('#synth-form [data-error-for="text"]'),
      true,
      'the earlier error is cleared',
    );
    await page.click('#seed-clear');
  });

  it(
    'keeps the history across a reload and shows jobs that other clients created',
    { timeout: JOB_TIMEOUT_MS },
    async () => {
      const submitted = await session.service.api('/tts/synthesize', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: 'Made by another client.' }),
      });
      const { chatterbox_id: otherId } = (await submitted.json()) as { chatterbox_id: string };
      const shownBefore = await page.textContent('#job-id');

      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      const other = page.locator(`.history-item[data-id="${otherId}"]`);
      await other.waitFor();
      assert.match((await other.textContent()) ?? '', /from another client/);
      const first = page.locator(`.history-item[data-id="${firstJobId}"]`);
      assert.match((await first.textContent()) ?? '', /The quick brown fox/);
      assert.equal(
        await page.textContent('#job-id'),
        shownBefore,
        'the result panel shows the same job again',
      );
      assert.equal(await page.inputValue('#text'), 'Back to a valid text.', 'the form is restored');

      // The list follows running jobs by itself until this one is complete.
      await page
        .locator(`.history-item[data-id="${otherId}"][data-status="COMPLETE"]`)
        .waitFor({ timeout: JOB_TIMEOUT_MS });
      await page.click(`.history-item[data-id="${otherId}"] button:text("Play")`);
      await page.waitForFunction(
        (id) => document.querySelector('#job-id')?.textContent === id,
        otherId,
      );
      assert.ok((await audioDuration(page)) > 0);
    },
  );

  it('deletes a job from the history after a confirming second click; the service then answers 410', async () => {
    const item = page.locator(`.history-item[data-id="${firstJobId}"]`);
    await item.locator('button.danger').click();
    await item.locator('button:text("Click again to confirm")').click();
    await item.waitFor({ state: 'detached' });
    assert.equal((await session.service.api(`/tts/status/${firstJobId}`)).status, 410);
  });

  it('stays usable at phone width: one column, nothing wider than the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    const submit = await page.locator('#submit').boundingBox();
    assert.ok(submit && submit.width > 300, 'the submit button spans the screen');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'phone', true);
  });

  it('raised no script errors in the page', () => {
    assert.deepEqual(session.pageErrors, []);
  });
});
