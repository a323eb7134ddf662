/**
 * A small Cangjie5_TC.json in the real file's format (a JSON array of "<char>\t<code>"
 * strings). Codes are the standard Cangjie 5 codes; 日 and 曰 share code "a", so the
 * second one exercises the index suffix ([cj_a][cj_1][cj_.]).
 */
const TINY_CANGJIE_ENTRIES: ReadonlyArray<readonly [string, string]> = [
  ['你', 'onf'],
  ['好', 'vnd'],
  ['世', 'pt'],
  ['界', 'woll'],
  ['日', 'a'],
  ['曰', 'a'],
  ['中', 'l'],
  ['文', 'yk'],
  ['人', 'o'],
  ['大', 'k'],
  ['天', 'mk'],
  ['是', 'amyo'],
  ['我', 'hqi'],
  ['的', 'hapi'],
  ['今', 'oin'],
  ['不', 'mf'],
  ['謝', 'yrhhi'],
  ['氣', 'onfd'],
  ['語', 'yrmmr'],
  ['國', 'wirm'],
  ['學', 'hbnd'],
  ['生', 'hqm'],
  ['很', 'hoav'],
  ['山', 'u'],
  ['水', 'e'],
];

export function buildTinyCangjieJson(): string[] {
  return TINY_CANGJIE_ENTRIES.map(([char, code]) => `${char}\t${code}`);
}
