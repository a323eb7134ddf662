import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareSpeech, validateLexicon } from '../../../server/text/index.ts';

const say = (text: string, lexicon: Record<string, string>) => prepareSpeech(text, 'en', { lexicon }).chunks.map((c) => c.spoken).join(' ');

describe('lexicon', () => {
  it('replaces whole words only, with Unicode word boundaries', () => {
    assert.equal(say('Nginx and nginxconf, not über-nginx.', { nginx: 'engine x' }), 'Engine x and nginxconf, not über-engine x.');
    assert.equal(prepareSpeech('Straße und Straßenbahn.', 'de', { lexicon: { Straße: 'Schtrasse' } }).chunks[0]?.spoken, 'Schtrasse und Straßenbahn.');
  });

  it('a lower-case entry matches any case and keeps it; an entry with capitals matches as written', () => {
    assert.equal(say('Use sql, Sql and SQL.', { sql: 'sequel' }), 'Use sequel, Sequel and SEQUEL.');
    assert.equal(say('GPT or gpt here.', { GPT: 'G P T' }), 'G P T or gpt here.');
  });

  it('is applied before numbers, so a respelling may carry digits that are then spoken', () => {
    assert.equal(say('Use the A4 paper.', { A4: 'A 4' }), 'Use the A four paper.');
  });

  it('prefers the longest entry', () => {
    assert.equal(say('New York is big.', { New: 'Nu', 'New York': 'Nu Jork' }), 'Nu Jork is big.');
  });
});

describe('validateLexicon', () => {
  it('accepts a sound lexicon', () => {
    assert.deepEqual(validateLexicon({ nginx: 'engine x', GPT: 'G P T' }), []);
  });

  it('names empty and over-long entries by field path', () => {
    const problems = validateLexicon({ '': 'x', empty: ' ', [`${'k'.repeat(101)}`]: 'y', long: 'v'.repeat(201) });
    assert.deepEqual(
      problems.map((p) => p.field),
      ['lexicon.', 'lexicon.empty', `lexicon.${'k'.repeat(101)}`, 'lexicon.long'],
    );
  });

  it('rejects a replacement that contains its own word, and cycles', () => {
    assert.deepEqual(
      validateLexicon({ data: 'big data' }).map((p) => p.field),
      ['lexicon.data'],
    );
    assert.deepEqual(
      validateLexicon({ tomato: 'tomahto', tomahto: 'tomato', fine: 'ok' }, 'body.lexicon').map((p) => p.field),
      ['body.lexicon.tomato', 'body.lexicon.tomahto'],
    );
    assert.deepEqual(validateLexicon({ data: 'database' }), []);
  });
});
