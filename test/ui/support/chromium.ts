import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from '../../support/requirements.ts';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-gpu',
  // Lets a test press play without a real user gesture.
  '--autoplay-policy=no-user-gesture-required',
  // A fake microphone (a beeping test signal) that needs no permission prompt.
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
}
