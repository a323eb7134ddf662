/**
 * Sends a job's final status (the job status object of jobs/job-view.ts) to its `callback_url`
 * once the job is over (COMPLETE, FAILED or CANCELLED): a plain JSON POST, which is what an
 * n8n Wait node's resume URL takes.
 * Retries with exponential backoff on network errors, timeouts, 408/409/425/429 and 5xx, gives
 * up after `maxAttempts`, and records every attempt in the job (status `callback` field).
 * Deliveries cut short by a shutdown stay `pending` and are resumed by `resume()` at start.
 */
import { randomUUID } from 'node:crypto';
import type { JobStore } from '../../storage/job-store.ts';
import type { Clock } from '../../shared/clock.ts';
import { pendingCallback, type JobCallbackStatus } from '../../shared/job-callback.ts';
import { isTerminal, type JobRecord } from '../../shared/job.ts';
import type { Logger } from '../../shared/logger.ts';
import type { JobEventBus, Unsubscribe } from '../events/job-event-bus.ts';
import type { KeyedMutex } from '../keyed-mutex.ts';
import { presentJob } from '../job-view.ts';
import { signCallbackBody, SIGNATURE_HEADER } from './callback-signature.ts';
import { sendCallback, type CallbackAttempt } from './callback-sender.ts';
import { assertCallbackTarget, guardedLookup, type CallbackTargetPolicy } from './callback-target-policy.ts';

export interface CallbackDispatcherOptions {
  store: JobStore;
  bus: JobEventBus;
  lock: KeyedMutex;
  clock: Clock;
  logger: Logger;
  policy: CallbackTargetPolicy;
  /** Signs bodies when set. @defaultValue null (unsigned) */
  secret: string | null;
  /** POSTs before giving up. @defaultValue 5 */
  maxAttempts: number;
  /** Delay before the first retry; doubles each time. @defaultValue 2000 */
  retryBaseMs: number;
  /** Longest delay between two attempts. @defaultValue 300000 */
  retryMaxMs: number;
  /** How long one attempt may take. @defaultValue 10000 */
  timeoutMs: number;
  /** @defaultValue Math.random (jitter) */
  random?: () => number;
  /**
   * With several API processes (CHATTERBOX_QUEUE=redis) each hears every job finish; a claim
   * (jobs/cluster/callback-claim.ts) lets exactly one deliver. @defaultValue always true
   */
  claim?: (jobId: string) => Promise<boolean>;
}

const CALLBACK_EVENT = 'job.finished';
const USER_AGENT = 'chatterbox-server (callback)';

export class CallbackDispatcher {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();
  private unsubscribe: Unsubscribe | undefined;

  constructor(private readonly options: CallbackDispatcherOptions) {}

  /** Listens for jobs that finish from now on. */
  start(): void {
    this.unsubscribe ??= this.options.bus.subscribeAll((event) => {
      if (event.type === 'done') this.dispatch(event.jobId);
    });
  }

  /** Finishes deliveries a previous run left pending (records as returned by JobStore.open). */
  resume(records: readonly JobRecord[]): number {
    const pending = records.filter((record) => needsDelivery(record));
    for (const record of pending) this.dispatch(record.id);
    return pending.length;
  }

  /** Stops retrying; unfinished deliveries stay pending for the next start. Idempotent. */
  async close(): Promise<void> {
    this.unsubscribe?.();
    this.stopping.abort();
    await Promise.allSettled(this.inFlight.values());
  }

  private dispatch(jobId: string): void {
    if (this.inFlight.has(jobId) || this.stopping.signal.aborted) return;
    const run = this.deliver(jobId)
      .catch((error: unknown) => this.options.logger.error({ err: error, jobId }, 'callback delivery crashed'))
      .finally(() => this.inFlight.delete(jobId));
    this.inFlight.set(jobId, run);
  }

  private async deliver(jobId: string): Promise<void> {
    const first = await this.options.store.get(jobId);
    if (first === undefined || !needsDelivery(first)) return;
    if (this.options.claim !== undefined && !(await this.options.claim(jobId))) return;
    const body = JSON.stringify(presentJob(first));
    const deliveryId = randomUUID();
    for (;;) {
      const status = await this.attempt(jobId, body, deliveryId);
      if (status === undefined || status.state !== 'pending') return;
      await sleep(this.backoff(status.attempts), this.stopping.signal);
      if (this.stopping.signal.aborted) return;
    }
  }

  /** One POST and its record; the new callback status, or undefined when the job is gone. */
  private async attempt(jobId: string, body: string, deliveryId: string): Promise<JobCallbackStatus | undefined> {
    const record = await this.options.store.get(jobId);
    if (record === undefined || !needsDelivery(record)) return undefined;
    const previous = record.callback ?? pendingCallback();
    const attemptNo = previous.attempts + 1;
    const result = await this.post(record.callbackUrl!, body, deliveryId, attemptNo);
    if (this.stopping.signal.aborted && !result.ok) return undefined;
    const next = this.nextStatus(previous, result);
    const stored = await this.options.lock.run(jobId, async () => {
      const current = await this.options.store.get(jobId);
      if (current === undefined) return undefined;
      await this.options.store.update({ ...current, callback: next });
      return next;
    });
    this.log(jobId, next, result);
    return stored;
  }

  private async post(rawUrl: string, body: string, deliveryId: string, attemptNo: number): Promise<CallbackAttempt> {
    let url: URL;
    try {
      url = assertCallbackTarget(rawUrl, this.options.policy);
    } catch (error) {
      return { ok: false, retryable: false, statusCode: null, error: (error as Error).message };
    }
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'x-chatterbox-event': CALLBACK_EVENT,
      'x-chatterbox-delivery': deliveryId,
      'x-chatterbox-attempt': String(attemptNo),
    };
    if (this.options.secret !== null) headers[SIGNATURE_HEADER] = signCallbackBody(this.options.secret, body);
    return sendCallback(url, body, {
      headers,
      timeoutMs: this.options.timeoutMs,
      lookup: guardedLookup(this.options.policy),
      signal: this.stopping.signal,
    });
  }

  private nextStatus(previous: JobCallbackStatus, result: CallbackAttempt): JobCallbackStatus {
    const now = this.options.clock.now();
    const attempts = previous.attempts + 1;
    const base = { attempts, lastStatusCode: result.statusCode, lastError: result.error, lastAttemptAt: now };
    if (result.ok) return { ...base, state: 'delivered', deliveredAt: now };
    const exhausted = !result.retryable || attempts >= this.options.maxAttempts;
    return { ...base, state: exhausted ? 'failed' : 'pending', deliveredAt: null };
  }

  /** Exponential with "equal jitter": half the delay is fixed, half random, so receivers are not hit in lockstep. */
  private backoff(attempts: number): number {
    const { retryBaseMs, retryMaxMs, random = Math.random } = this.options;
    const delay = Math.min(retryMaxMs, retryBaseMs * 2 ** (attempts - 1));
    return delay / 2 + random() * (delay / 2);
  }

  private log(jobId: string, status: JobCallbackStatus, result: CallbackAttempt): void {
    const fields = { jobId, attempts: status.attempts, statusCode: result.statusCode, error: result.error };
    if (status.state === 'delivered') this.options.logger.info(fields, 'callback delivered');
    else if (status.state === 'failed') this.options.logger.warn(fields, 'callback gave up');
    else this.options.logger.info(fields, 'callback attempt failed; retrying');
  }
}

function needsDelivery(record: JobRecord): boolean {
  if (record.callbackUrl === null || !isTerminal(record.status)) return false;
  return (record.callback?.state ?? 'pending') === 'pending';
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref();
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
