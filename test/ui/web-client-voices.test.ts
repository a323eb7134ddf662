/**
 * The web client's voice library in real headless Chromium against the real service on the
 * tiny model: upload a clip and speak with it, record one from the (fake) microphone,
 * delete one, and see the service's complaint about a bad clip next to the file field.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumSkip } from '../support/requirements.ts';
import { toneWav } from './support/tone-wav.ts';
import {
  JOB_TIMEOUT_MS,
  openPage,
  submitText,
  waitForJobEnd,
  useUiSession,
  type UiSession,
} from './support/ui-session.ts';

interface VoiceList {
  voices: { id: string; name: string; duration_seconds: number | null }[];
}

describe('web client: voices, in Chromium against the real service (tiny model)', { skip: chromiumSkip() }, () => {
  let session: UiSession;
  let page: Page;
  let toneVoiceId = '';

  async function listVoices(): Promise<VoiceList['voices']> {
    return ((await (await session.service.api('/voices')).json()) as VoiceList).voices;
  }

  // The key is already in local storage, as after an earlier visit.
  useUiSession((opened) => { session = opened; page = opened.page; }, { storeKey: true });

  it('uses the API key kept in local storage without asking again', async () => {
    await openPage(session);
    assert.equal(await page.isHidden('#settings'), true);
    assert.equal(await page.inputValue('#voice'), 'default');
    assert.equal(
      await page.isDisabled('#voice-delete'),
      true,
      'the built-in voice cannot be deleted',
    );
  });

  it(
    'uploads a reference clip, selects the new voice and synthesizes with it',
    { timeout: JOB_TIMEOUT_MS },
    async () => {
      await page.click('#voice-add summary');
      await page.fill('#voice-name', 'Test tone');
      await page.setInputFiles('#voice-file', {
        name: 'tone.wav',
        mimeType: 'audio/wav',
        buffer: toneWav(3),
      });
      await page.click('#voice-upload');
      await page.waitForFunction(
        () => (document.querySelector('#voice') as HTMLSelectElement).value !== 'default',
      );
      toneVoiceId = await page.inputValue('#voice');
      assert.match(
        (await page.locator('#voice option:checked').textContent()) ?? '',
        /^Test tone \(0:03\.0\)$/,
      );
      assert.equal(await page.isEnabled('#voice-delete'), true);

      const id = await submitText(page, 'Speaking with an uploaded voice.');
      assert.equal(await waitForJobEnd(page), 'COMPLETE');
      assert.equal((await session.status(id)).voice, toneVoiceId);
    },
  );

  it('records a reference clip from the microphone and uploads it as a voice', async () => {
    const voicesBefore = await page.locator('#voice option').count();
    await page.click('#voice-record');
    await page.waitForSelector('#voice-status:text("Recording")');
    // The clip must be long enough for the service's minimum (1 s); the fake microphone beeps.
    await page.waitForTimeout(1800);
    await page.click('#voice-record');
    await page.waitForSelector('#voice-status:text("Added")', { timeout: 20_000 });
    assert.equal(await page.locator('#voice option').count(), voicesBefore + 1);
    assert.match((await page.locator('#voice option:checked').textContent()) ?? '', /^Recording /);
    const recordedId = await page.inputValue('#voice');
    const voices = await listVoices();
    const recorded = voices.find((voice) => voice.id === recordedId);
    assert.ok(
      recorded && (recorded.duration_seconds ?? 0) >= 1,
      'the recording is stored and at least 1 s long',
    );
  });

  it('deletes a stored voice after a confirming second click', async () => {
    await page.selectOption('#voice', toneVoiceId);
    await page.click('#voice-delete');
    assert.equal(await page.textContent('#voice-delete'), 'Click again to confirm');
    await page.click('#voice-delete');
    await page.waitForFunction(
      (id) =>
        ![...document.querySelectorAll('#voice option')].some(
          (o) => (o as HTMLOptionElement).value === id,
        ),
      toneVoiceId,
    );
    assert.equal(await page.inputValue('#voice'), 'default');
    assert.equal(await page.isDisabled('#voice-delete'), true);
    const voices = await listVoices();
    assert.ok(!voices.some((voice) => voice.id === toneVoiceId));
  });

  it("shows the service's complaint about a clip next to the file field", async () => {
    await page.setInputFiles('#voice-file', {
      name: 'blip.wav',
      mimeType: 'audio/wav',
      buffer: toneWav(0.2),
    });
    await page.click('#voice-upload');
    const error = page.locator('#voice-upload-box [data-error-for="file"]');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /\S/);
    assert.equal(await page.getAttribute('#voice-file', 'aria-invalid'), 'true');
    assert.equal(
      (await listVoices()).length,
      2,
      'nothing was stored: the default and the recording',
    );
  });

  it('raised no script errors in the page', () => {
    assert.deepEqual(session.pageErrors, []);
  });
});
