/**
 * wavefile is CommonJS with `__esModule` set but no default export: native ESM sees its
 * exports as `default`, while code transpiled to CommonJS (tsx running files under the
 * CommonJS root package, e.g. tests) sees them as the namespace. This resolves either way.
 */
import * as wavefileModule from 'wavefile';

type WavefileExports = typeof wavefileModule;
const exportsObject: WavefileExports =
  'WaveFile' in wavefileModule ? wavefileModule : (wavefileModule as unknown as { default: WavefileExports }).default;

export const WaveFile = exportsObject.WaveFile;
