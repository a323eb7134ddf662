/**
 * One browser session against one real service: Chromium, the service on the tiny model with
 * an API key, a page at desktop size, and helpers that read the page like a user would.
 */
import { mkdir } from 'node:fs/promises';
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/** At least 16 characters, as the service requires. */
export const API_KEY = 'ui-test-key-7f3a';
const SCREENSHOTS_DIR = new URL('../../../test-results/ui/', import.meta.url).pathname;
/** Generous: two CPU cores are shared with other suites. */
export const JOB_TIMEOUT_MS = 90_000;
const DESKTOP = { width: 1280, height: 900 };

interface JobStatus {
  chatterbox_id: string;
  status: string;
  voice: string;
  audio: { duration_seconds: number; bytes: number } | null;
}

export interface UiSession {
  service: TestServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions thrown in the page. */
  pageErrors: string[];
  /** GET /tts/status/:id as another client. */
  status(id: string): Promise<JobStatus>;
  close(): Promise<void>;
}

/**
 * @param options.maxTextChars the service's text limit
 * @param options.storeKey put the API key into local storage before the page loads, as if
 *   the user had entered it on an earlier visit
 */
export async function openUiSession(
  options: { maxTextChars?: number; storeKey?: boolean } = {},
): Promise<UiSession> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  // One at a time, so a failure after the browser started still closes it.
  const browser = await launchChromium();
  let service: TestServer;
  try {
    service = await startTestServer(
      {
        CHATTERBOX_API_KEYS: API_KEY,
        CHATTERBOX_MAX_TEXT_CHARS: String(options.maxTextChars ?? 20_000),
        CHATTERBOX_LOG_LEVEL: 'warn',
      },
      { realClock: true },
    );
  } catch (error) {
    await browser.close();
    throw error;
  }
  const context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
  if (options.storeKey) {
    await context.addInitScript(
      (key) => localStorage.setItem('chatterbox.apiKey', JSON.stringify(key)),
      API_KEY,
    );
  }
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    service,
    browser,
    context,
    page,
    pageErrors,
    async status(id) {
      return (await (await service.api(`/tts/status/${id}`)).json()) as JobStatus;
    },
    async close() {
      await browser.close();
      await service.close();
    },
  };
}

/** One session for the enclosing suite: opened before its tests, handed to `use`, closed after them. */
export function useUiSession(
  use: (session: UiSession) => void,
  options: Parameters<typeof openUiSession>[0] = {},
): void {
  let session: UiSession | undefined;
  before(async () => {
    session = await openUiSession(options);
    use(session);
  });
  after(() => session?.close());
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS_DIR}${name}.png`, fullPage });
}

/** Opens /ui and waits until the form has loaded what it needs from the service. */
export async function openPage(session: UiSession): Promise<void> {
  await session.page.goto(`${session.service.url}/ui`);
  await session.page.waitForSelector('body[data-ready="true"]');
}

/** Waits for the result panel's job to end; returns its final status. */
export async function waitForJobEnd(page: Page): Promise<string> {
  await page.waitForSelector(
    '#job-status[data-status="COMPLETE"], #job-status[data-status="FAILED"]',
    {
      timeout: JOB_TIMEOUT_MS,
    },
  );
  return page.$eval('#job-status', (element) => (element as HTMLElement).dataset.status ?? '');
}

/** The duration the audio element reports once it has loaded the clip. */
export async function audioDuration(page: Page): Promise<number> {
  await page.waitForFunction(
    () => (document.querySelector('#audio') as HTMLAudioElement).duration > 0,
  );
  return page.$eval('#audio', (audio) => (audio as HTMLAudioElement).duration);
}

/** Types `text`, presses Generate, and returns the job id the page shows. */
export async function submitText(page: Page, text: string): Promise<string> {
  await page.fill('#text', text);
  const previous = await page.textContent('#job-id');
  await page.click('#submit');
  await page.waitForFunction((old) => {
    const id = document.querySelector('#job-id')?.textContent ?? '';
    return id !== '' && id !== old;
  }, previous);
  return (await page.textContent('#job-id')) ?? '';
}
