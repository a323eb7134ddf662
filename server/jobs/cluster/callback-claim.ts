/**
 * Every API process hears every job finish, and each would send its callback. A claim in
 * Redis (SET NX) lets exactly one of them deliver it. A claim lasts as long as a whole
 * delivery with its retries may take; a process that stops releases its claims, so the
 * next one to start resumes deliveries left pending. If the owner dies instead, its claims
 * lapse after their lifetime and a process started after that resumes them.
 */
import type { Redis } from 'ioredis';

export class CallbackClaims {
  /** Claims this process holds, with when it took them (oldest first; lapsed ones are dropped). */
  private readonly held = new Map<string, number>();

  /**
   * @param ttlMs - lifetime of a claim: the longest a delivery with all its retries may take
   * @param owner - this process, unique in the deployment
   */
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
    private readonly owner: string,
  ) {}

  /** True when this process may deliver the job's callback (it claimed it now, or already had). */
  readonly claim = async (jobId: string): Promise<boolean> => {
    this.forgetLapsed();
    if (this.held.has(jobId)) return true;
    const won = (await this.redis.set(this.key(jobId), this.owner, 'PX', Math.ceil(this.ttlMs), 'NX')) === 'OK';
    if (won) this.held.set(jobId, Date.now());
    return won;
  };

  /** Gives back every claim this process holds (only those still its own). */
  async releaseAll(): Promise<void> {
    const jobIds = [...this.held.keys()];
    this.held.clear();
    for (const jobId of jobIds) {
      const key = this.key(jobId);
      if ((await this.redis.get(key)) === this.owner) await this.redis.del(key);
    }
  }

  private forgetLapsed(): void {
    const lapsedBefore = Date.now() - this.ttlMs;
    for (const [jobId, claimedAt] of this.held) {
      if (claimedAt > lapsedBefore) return;
      this.held.delete(jobId);
    }
  }

  private key(jobId: string): string {
    return `${this.prefix}:callback-claim:${jobId}`;
  }
}
