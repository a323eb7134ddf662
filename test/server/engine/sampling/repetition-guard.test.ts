import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { repetitionStop, speechTokenCap } from '../../../../server/engine/chatterbox/stop-rules.ts';
import { endsWithRepeatedToken, findRunawayCut } from '../../../../server/engine/sampling/repetition-guard.ts';

const speech = (n: number) => Array.from({ length: n }, (_, i) => 1 + ((i * 101) % 6500));

describe('findRunawayCut (near-repeats, WinSTT loop_cycle parameters)', () => {
  it('cuts an exact period-4 loop spanning 32 tokens back to one copy', () => {
    const intro = [1, 2, 3];
    const loop = Array.from({ length: 32 }, (_, i) => 100 + (i % 4));
    assert.equal(findRunawayCut([...intro, ...loop]), intro.length + 4);
  });

  it('leaves a stream alone until the repeated tail spans 32 tokens', () => {
    assert.equal(findRunawayCut(Array.from({ length: 31 }, (_, i) => 100 + (i % 4))), undefined);
  });

  it('catches a period-16 loop whose copies differ in up to period/8 = 2 places, after two copies', () => {
    const copy = speech(16);
    const drifted = copy.map((t, i) => (i === 3 || i === 9 ? t + 1 : t));
    assert.equal(findRunawayCut([7, 8, ...copy, ...drifted]), 2 + 16);
  });

  it('does not call copies with more than period/8 differences a loop', () => {
    const copy = speech(16);
    const drifted = copy.map((t, i) => (i === 3 || i === 9 || i === 12 ? t + 1 : t));
    assert.equal(findRunawayCut([...copy, ...drifted]), undefined);
  });

  it('finds loops up to 64 tokens long and no longer', () => {
    const copy = speech(64);
    assert.equal(findRunawayCut([...copy, ...copy]), 64);
    const longer = speech(65);
    assert.equal(findRunawayCut([...longer, ...longer]), undefined);
  });

  it('ignores non-repeating speech', () => {
    assert.equal(findRunawayCut(speech(400)), undefined);
  });
});

describe('endsWithRepeatedToken (upstream multilingual v1 rule)', () => {
  it('fires once the last two generated tokens are equal', () => {
    assert.equal(endsWithRepeatedToken([4, 9, 9]), true);
    assert.equal(endsWithRepeatedToken([9, 9]), true);
  });

  it('needs two tokens, and only the last two count', () => {
    assert.equal(endsWithRepeatedToken([9]), false);
    assert.equal(endsWithRepeatedToken([9, 9, 4]), false);
  });
});

describe('repetitionStop and speechTokenCap', () => {
  it('keeps both identical tokens (upstream forces the stop token on the next step)', () => {
    assert.deepEqual(repetitionStop([1, 2, 2]), { keep: 3, reason: 'repeated_token' });
    assert.equal(repetitionStop([1, 2, 2], { stopOnRepeatedToken: false }), undefined);
  });

  it('caps at 6 speech tokens per text token, at least 75, never above maxNewTokens', () => {
    assert.equal(speechTokenCap(40, 1000), 240);
    assert.equal(speechTokenCap(5, 1000), 75);
    assert.equal(speechTokenCap(400, 1000), 1000);
    assert.equal(speechTokenCap(10, 1000, { tokensPerTextToken: 2, minTokenCap: 0 }), 20);
  });
});
