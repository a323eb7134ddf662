/**
 * Golden draws: token sequences the TokenSampler produced for fixed seeds, parameter sets and
 * logits before its speed rework. Any change to the draws (a different sort, summation order or
 * cut) fails here, so a fixed seed keeps giving the same speech.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SPEECH_VOCAB_SIZE, TOKENS } from '../../../../models/contract.ts';
import { createSeededRandom } from '../../../../server/engine/sampling/seeded-random.ts';
import {
  TokenSampler,
  type SamplingSettings,
} from '../../../../server/engine/sampling/token-sampler.ts';

export const GOLDEN_SETTINGS: readonly SamplingSettings[] = [
  { cfgWeight: 0.5, temperature: 0.8, repetitionPenalty: 2, minP: 0.05, topP: 1 },
  { cfgWeight: 0.5, temperature: 0.8, repetitionPenalty: 1.2, minP: 0.05, topP: 0.95 },
  { cfgWeight: 0, temperature: 1.5, repetitionPenalty: 1.2, minP: 0, topP: 0.9 },
  { cfgWeight: 1, temperature: 0.3, repetitionPenalty: 1, minP: 0.2, topP: 0.5 },
  { cfgWeight: 0.3, temperature: 1, repetitionPenalty: 1.5, minP: 0, topP: 1 },
];

/** `steps` draws over seeded logits: a peaked row (a few strong ids over noise) or flat noise, with ties. */
export function drawSequence(settings: SamplingSettings, seed: number, steps = 40): number[] {
  const source = createSeededRandom(1000 + seed);
  const sampler = new TokenSampler(settings, createSeededRandom(seed));
  const seen = new Set<number>([TOKENS.startSpeech]);
  const drawn: number[] = [];
  for (let step = 0; step < steps; step++) {
    const peaked = step % 3 !== 2;
    const row = () => {
      const values = Float32Array.from(
        { length: SPEECH_VOCAB_SIZE },
        () => Math.round((source() * 6 - 3) * 4) / 4,
      );
      if (peaked)
        for (let k = 0; k < 12; k++) values[Math.floor(source() * 6561)] = 6 + source() * 4;
      return values;
    };
    const cond = row();
    const uncond = row();
    const token = sampler.next(cond, settings.cfgWeight > 0 ? uncond : undefined, seen);
    drawn.push(token);
    seen.add(token);
  }
  return drawn;
}

// Recorded with the sort-based sampler (commit 69a9d80), before the speed rework.
const GOLDEN: Record<string, number[]> = {
  '0/1': [
    2357, 690, 3471, 4862, 5219, 1834, 4407, 3388, 2808, 5497, 5647, 3251, 2944, 2492, 1618, 3306,
    1693, 408, 2443, 2014, 1762, 2195, 588, 2767, 4070, 3816, 1927, 5624, 2709, 3438, 2524, 2715,
    4775, 5872, 4405, 6560, 5283, 2446, 1004, 3683,
  ],
  '0/2': [
    4216, 905, 1975, 3723, 6442, 4145, 5630, 1050, 5041, 2665, 3836, 1201, 370, 3077, 3808, 1633,
    2741, 2237, 5064, 1140, 6189, 797, 450, 1292, 691, 6152, 2911, 4887, 4928, 1588, 1492, 5117,
    405, 3488, 2776, 392, 5371, 5070, 11, 3535,
  ],
  '0/3': [
    1540, 396, 3010, 1057, 5649, 3464, 660, 1485, 1741, 2866, 3083, 428, 3072, 5323, 5002, 4594,
    5500, 4667, 4710, 3139, 3443, 4537, 2434, 73, 6127, 3903, 6201, 2668, 4102, 4946, 2226, 2559,
    4664, 1258, 404, 3316, 248, 4824, 4214, 4403,
  ],
  '1/1': [
    2357, 690, 3446, 4862, 5219, 1820, 4407, 3388, 2783, 5497, 5647, 3243, 2944, 2492, 1605, 3306,
    1693, 384, 2443, 2014, 1760, 2195, 588, 2703, 4070, 3816, 1856, 5624, 2709, 3396, 2524, 2715,
    4775, 5872, 4405, 6560, 5283, 2109, 982, 3683,
  ],
  '1/2': [
    4216, 905, 1995, 3723, 6442, 4148, 5630, 1050, 5022, 2098, 3836, 1166, 370, 3077, 3766, 1633,
    2741, 2219, 5064, 2779, 6189, 797, 450, 1281, 691, 6152, 2856, 4887, 4928, 1527, 2237, 5117,
    402, 3488, 2776, 392, 5371, 5070, 15, 3535,
  ],
  '1/3': [
    1540, 396, 2981, 1057, 5649, 3476, 660, 1485, 1672, 2866, 4024, 400, 3072, 5323, 5008, 4594,
    2289, 4643, 4710, 3139, 3458, 4537, 2434, 69, 6127, 3903, 6201, 2668, 4102, 4942, 2226, 2559,
    4608, 1258, 404, 3282, 248, 4824, 4193, 4403,
  ],
  '2/1': [
    3617, 36, 3517, 6423, 6328, 1817, 4031, 4415, 2713, 6515, 3470, 3197, 1206, 2492, 1571, 1120,
    3152, 425, 2443, 5158, 1760, 1552, 374, 2782, 4070, 5011, 1915, 1454, 4408, 3482, 4481, 1410,
    4702, 3843, 5303, 6529, 1630, 4570, 999, 2323,
  ],
  '2/2': [
    5064, 2128, 1873, 3667, 5979, 4115, 3335, 2127, 5075, 1000, 4849, 1264, 2383, 5086, 3789, 812,
    4060, 2385, 6320, 254, 6013, 238, 774, 1263, 54, 6152, 3018, 4535, 6461, 1457, 2966, 2560, 350,
    3881, 608, 358, 6351, 5165, 5, 6432,
  ],
  '2/3': [
    4516, 320, 3030, 628, 4683, 3154, 3187, 1255, 1691, 3425, 1328, 510, 4518, 3009, 5172, 5680,
    2289, 4576, 2075, 4021, 3370, 5120, 3393, 79, 5857, 2038, 6152, 5027, 2794, 4724, 1050, 2030,
    4714, 8, 67, 3115, 5378, 4160, 4361, 5046,
  ],
  '3/1': [
    13, 2059, 917, 4862, 4796, 657, 4407, 3388, 2722, 3414, 5647, 2567, 2944, 6555, 475, 4867, 1693,
    1034, 2443, 2014, 317, 2195, 3981, 4100, 4070, 1084, 1447, 5624, 2709, 5489, 2524, 2715, 4200,
    5872, 4405, 4941, 5283, 1474, 2260, 6529,
  ],
  '3/2': [
    1508, 905, 1961, 3723, 692, 3685, 5630, 1050, 5022, 2665, 3836, 3880, 29, 1390, 1750, 5595,
    2741, 259, 5064, 2779, 5233, 2232, 450, 1292, 691, 6152, 2202, 2928, 3767, 2092, 2237, 6314,
    2183, 3488, 6246, 3181, 2421, 3001, 579, 3535,
  ],
  '3/3': [
    1540, 672, 3675, 1057, 5649, 5367, 660, 6510, 543, 2866, 4298, 400, 3072, 4897, 6015, 4594,
    5633, 2720, 6189, 3139, 3470, 2147, 2434, 264, 5613, 4487, 4780, 1735, 4102, 6540, 2909, 2559,
    5469, 1258, 3872, 297, 248, 4824, 1514, 4403,
  ],
  '4/1': [
    3194, 685, 3517, 5760, 5928, 1845, 4407, 3388, 2761, 5862, 4585, 3236, 2944, 2492, 1590, 2653,
    1693, 413, 2443, 5113, 1762, 2195, 588, 2770, 4070, 3816, 1922, 3040, 4430, 3471, 2524, 2715,
    4739, 5872, 4405, 6551, 2184, 3488, 1004, 3683,
  ],
  '4/2': [
    5423, 905, 1939, 3723, 6442, 4123, 5630, 1050, 5044, 2098, 3836, 1229, 712, 3500, 3808, 406,
    2741, 2375, 5064, 1140, 6070, 487, 450, 1287, 415, 6152, 2993, 4887, 5765, 1482, 2237, 5117,
    375, 4561, 2066, 368, 5371, 5070, 8, 5504,
  ],
  '4/3': [
    3475, 396, 3058, 1057, 5649, 3253, 660, 1258, 1687, 2866, 3083, 487, 3764, 4897, 5129, 4594,
    2289, 4643, 4194, 3139, 3392, 4537, 2464, 77, 6127, 3903, 6168, 2668, 4094, 4824, 2226, 1460,
    4694, 118, 404, 3208, 2858, 3245, 4306, 4403,
  ],
};

describe('TokenSampler golden draws', () => {
  GOLDEN_SETTINGS.forEach((settings, index) => {
    for (const seed of [1, 2, 3]) {
      it(`settings #${index}, seed ${seed}: the recorded sequence`, () => {
        assert.deepEqual(drawSequence(settings, seed), GOLDEN[`${index}/${seed}`]);
      });
    }
  });
});
