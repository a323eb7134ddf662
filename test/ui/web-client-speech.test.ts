/**
 * The web client's text-stage controls in real headless Chromium against the real service on
 * the tiny model: the normalize switch, the lexicon editor of the selected language, and after
 * a job the spoken text, the characters the model could not say and the captions links.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumSkip } from '../support/requirements.ts';
import { JOB_TIMEOUT_MS, openPage, screenshot, submitText, waitForJobEnd, useUiSession, type UiSession } from './support/ui-session.ts';

describe('web client: speakable text, in Chromium against the real service (tiny model)', { skip: chromiumSkip() }, () => {
  let session: UiSession;
  let page: Page;

  const storedLexicon = async (language: string) =>
    ((await (await session.service.api(`/lexicons/${language}`)).json()) as { entries: Record<string, string> }).entries;
  const listedWords = () => page.$$eval('#lexicon-list li', (items) => items.map((item) => (item as HTMLElement).dataset.word));

  useUiSession((opened) => { session = opened; page = opened.page; }, { storeKey: true });

  it('normalizes by default and edits the lexicon of the selected language', async () => {
    await openPage(session);
    assert.equal(await page.isChecked('#normalize'), true);
    await page.click('#lexicon-box summary');
    assert.equal(await page.textContent('#lexicon-language'), 'en');
    assert.equal(await page.isVisible('#lexicon-empty'), true);

    await page.fill('#lexicon-word', 'gizmo');
    await page.fill('#lexicon-say', 'gadget');
    await page.click('#lexicon-add');
    await page.waitForSelector('#lexicon-list li[data-word="gizmo"]');
    assert.deepEqual(await storedLexicon('en'), { gizmo: 'gadget' });
    assert.equal(await page.inputValue('#lexicon-word'), '');

    // The service refuses an entry that replaces a word with itself; the page says so under the row.
    await page.fill('#lexicon-word', 'echo');
    await page.fill('#lexicon-say', 'echo echo');
    await page.click('#lexicon-add');
    const error = page.locator('#lexicon-editor [data-error-for="lexicon"]');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /entries\.echo/);
    assert.deepEqual(await listedWords(), ['gizmo']);
    await screenshot(page, 'lexicon');

    await page.selectOption('#language', 'de');
    await page.waitForFunction(() => document.querySelector('#lexicon-language')?.textContent === 'de');
    await page.waitForSelector('#lexicon-empty:not([hidden])');
    assert.deepEqual(await listedWords(), []);
    await page.selectOption('#language', 'en');
    await page.waitForSelector('#lexicon-list li[data-word="gizmo"]');
  });

  it('shows what was spoken (with the lexicon applied) and offers SRT and VTT captions', { timeout: JOB_TIMEOUT_MS }, async () => {
    await submitText(page, '**Hello** gizmo. It costs $5.');
    assert.equal(await waitForJobEnd(page), 'COMPLETE');
    await page.waitForSelector('#spoken:not([hidden])');
    const chunks = await page.$$eval('#spoken-chunks li', (items) => items.map((item) => item.textContent));
    assert.deepEqual(chunks, ['Hello gadget.', 'It costs five dollars.']);
    assert.equal(await page.isHidden('#unspeakable'), true);
    for (const format of ['srt', 'vtt']) {
      await page.waitForFunction((id) => document.querySelector(`#captions-${id}`)?.getAttribute('href')?.startsWith('blob:'), format);
      const download = await Promise.all([page.waitForEvent('download'), page.click(`#captions-${format}`)]).then(([d]) => d);
      assert.match(download.suggestedFilename(), new RegExp(`\\.${format}$`));
    }
    await screenshot(page, 'spoken-text', true);
  });

  it('sends normalize: false when switched off; what the model cannot say is listed', { timeout: JOB_TIMEOUT_MS }, async () => {
    await page.uncheck('#normalize');
    const id = await submitText(page, 'Plain **words** here.');
    assert.equal(await waitForJobEnd(page), 'COMPLETE');
    await page.waitForSelector('#unspeakable:not([hidden])');
    assert.match((await page.textContent('#unspeakable')) ?? '', /\* ×4/);
    assert.deepEqual(await page.$$eval('#spoken-chunks li', (items) => items.map((item) => item.textContent)), ['Plain words here.']);
    assert.ok(id);
    await page.check('#normalize');
    assert.deepEqual(session.pageErrors, []);
  });
});
