/** The text stage's settings: the environment's defaults are the text stage's own, and each variable reaches the config. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../server/config/load-config.ts';
import { DEFAULT_SPEECH_OPTIONS } from '../../../server/text/index.ts';

describe('text settings (CHATTERBOX_TEXT_*, *_PAUSE_MS)', () => {
  it('defaults to the text stage defaults', () => {
    const { config } = loadConfig({});
    const { lexicon: _none, ...defaults } = DEFAULT_SPEECH_OPTIONS;
    assert.deepEqual({ ...config.text }, defaults);
  });

  it('reads every variable, and refuses values out of range', () => {
    const { config } = loadConfig({
      CHATTERBOX_TEXT_NORMALIZE: 'off',
      CHATTERBOX_SENTENCE_PAUSE_MS: '80',
      CHATTERBOX_PARAGRAPH_PAUSE_MS: '900',
      CHATTERBOX_MAX_PAUSE_MS: '3000',
      CHATTERBOX_TEXT_CODE_BLOCKS: 'drop',
      CHATTERBOX_TEXT_TABLES: 'Phrase',
      CHATTERBOX_TEXT_URLS: 'drop',
    });
    assert.deepEqual({ ...config.text }, { normalize: false, sentencePauseMs: 80, paragraphPauseMs: 900, maxPauseMs: 3000, codeBlocks: 'drop', tables: 'phrase', urls: 'drop' });
    assert.throws(() => loadConfig({ CHATTERBOX_SENTENCE_PAUSE_MS: '-1' }), /CHATTERBOX_SENTENCE_PAUSE_MS/);
    assert.throws(() => loadConfig({ CHATTERBOX_TEXT_TABLES: 'sing' }), /CHATTERBOX_TEXT_TABLES/);
  });
});
