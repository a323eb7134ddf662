/**
 * Where a job's `callback_url` notification stands. Stored in the job record (and shown in
 * its status) so a client can see whether the service reached its receiver.
 */
export const CALLBACK_STATES = ['pending', 'delivered', 'failed'] as const;
type CallbackState = (typeof CALLBACK_STATES)[number];

export interface JobCallbackStatus {
  /** pending: not sent yet or retrying; delivered: a 2xx answer; failed: gave up. */
  state: CallbackState;
  /** POSTs made so far. */
  attempts: number;
  /** HTTP status of the last answer; null when none came (network error, timeout, refused target). */
  lastStatusCode: number | null;
  /** Why the last attempt failed; null after a success. */
  lastError: string | null;
  /** Milliseconds since the epoch. */
  lastAttemptAt: number | null;
  deliveredAt: number | null;
}

export function pendingCallback(): JobCallbackStatus {
  return { state: 'pending', attempts: 0, lastStatusCode: null, lastError: null, lastAttemptAt: null, deliveredAt: null };
}
