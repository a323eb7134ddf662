/**
 * Scale-out benchmark (docs/scale-out.md): one API process and 1, then 2, worker processes (one CPU
 * engine each, one onnxruntime thread each) over Redis and PostgreSQL, on the slow tiny
 * model so that synthesis, not the plumbing, dominates.
 *  - throughput: N jobs submitted at once, first submit to last COMPLETE -> jobs per minute;
 *  - the ratio 2 workers / 1 worker (close to 2 on a machine with two free cores);
 *  - queue-to-start latency: submit -> PROCESSING (started_at - created_at) for jobs sent
 *    one at a time to an idle deployment;
 *  - synthesis seconds per job and engine utilisation (synthesis time / (wall time x
 *    engines)), which tell CPU contention (slower jobs) from queue starvation (idle engines).
 *
 * Usage: node --import tsx bench/scale.bench.ts [--jobs 40] [--probes 15] [--model tiny-slow]
 *        [--redis redis://127.0.0.1:6379] [--store postgres://postgres@127.0.0.1:5432/test]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import KeyvPostgres from '@keyv/postgres';
import type { Redis } from 'ioredis';
import { closeRedis, connectRedis } from '../server/jobs/cluster/redis-connection.ts';
import { decodeEvent } from '../server/jobs/events/event-codec.ts';
import { createLogger } from '../server/shared/logger.ts';
import { Deployment, http } from '../test/server/scale/cluster-harness.ts';

const { values: args } = parseArgs({
  options: {
    jobs: { type: 'string', default: '40' },
    probes: { type: 'string', default: '15' },
    model: { type: 'string', default: 'tiny-slow' },
    redis: { type: 'string', default: process.env.CHATTERBOX_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' },
    store: { type: 'string', default: process.env.CHATTERBOX_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const JOBS = Number(args.jobs);
const PROBES = Number(args.probes);
const TEXT = 'The quick brown fox jumps over the lazy dog.';
const logger = createLogger('silent');

interface RunResult {
  workers: number;
  jobs: number;
  seconds: number;
  jobsPerMinute: number;
  queueToStartMs: { p50: number; p95: number; max: number };
  synthesisSecondsPerJob: number;
  /** Share of the wall time the engines spent synthesizing (1 = never idle). */
  engineUtilisation: number;
}

interface JobView {
  chatterbox_id: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** Counts jobs reaching COMPLETE, from the deployment's event channel. */
class CompletionWatch {
  readonly completed = new Map<string, number>();
  private constructor(private readonly subscriber: Redis) {}

  static async open(prefix: string): Promise<CompletionWatch> {
    const subscriber = await connectRedis({ url: args.redis!, name: 'scale-bench', logger });
    const watch = new CompletionWatch(subscriber);
    subscriber.on('message', (_channel: string, message: string) => {
      const event = decodeEvent(message);
      if (event?.type === 'status' && event.status === 'COMPLETE') watch.completed.set(event.jobId, performance.now());
    });
    await subscriber.subscribe(`${prefix}:events`);
    return watch;
  }

  async until(jobIds: readonly string[]): Promise<number> {
    while (!jobIds.every((jobId) => this.completed.has(jobId))) await new Promise((resolve) => setTimeout(resolve, 10));
    return Math.max(...jobIds.map((jobId) => this.completed.get(jobId)!));
  }

  close(): Promise<void> {
    return closeRedis(this.subscriber);
  }
}

async function run(workerCount: number): Promise<RunResult> {
  const prefix = `scalebench_${process.pid}_${workerCount}`;
  const table = `scalebench_${process.pid}_${workerCount}`;
  const deployment = await Deployment.create({
    redisUrl: args.redis!,
    prefix,
    storeUrl: args.store!,
    model: args.model,
    env: { CHATTERBOX_STORE_TABLE: table, CHATTERBOX_HEARTBEAT_SECONDS: '1' },
  });
  const watch = await CompletionWatch.open(prefix);
  try {
    const [api] = await Promise.all([deployment.start('api'), ...Array.from({ length: workerCount }, () => deployment.start('worker'))]);
    const submit = async (): Promise<string> => (await http<JobView>(api!.url, '/tts/synthesize', { body: { text: TEXT } })).body.chatterbox_id;
    await watch.until([await submit()]); // warm-up: first voice conditioning, first session run

    const latencies: number[] = [];
    for (let probe = 0; probe < PROBES; probe += 1) {
      const jobId = await submit();
      await watch.until([jobId]);
      const view = (await http<JobView>(api!.url, `/tts/status/${jobId}`)).body;
      latencies.push(Date.parse(view.started_at!) - Date.parse(view.created_at));
    }

    const started = performance.now();
    const jobIds = await Promise.all(Array.from({ length: JOBS }, submit));
    const seconds = ((await watch.until(jobIds)) - started) / 1000;
    const views = await Promise.all(jobIds.map(async (jobId) => (await http<JobView>(api!.url, `/tts/status/${jobId}`)).body));
    const synthesis = views.reduce((sum, view) => sum + (Date.parse(view.finished_at!) - Date.parse(view.started_at!)) / 1000, 0);
    return {
      workers: workerCount,
      jobs: JOBS,
      seconds,
      jobsPerMinute: (JOBS / seconds) * 60,
      queueToStartMs: summary(latencies),
      synthesisSecondsPerJob: synthesis / JOBS,
      engineUtilisation: synthesis / (seconds * workerCount),
    };
  } finally {
    await watch.close();
    await Promise.all(deployment.processes.map((service) => service.kill('SIGTERM')));
    await deployment.destroy();
    await dropTable(table);
    await removeKeys(prefix);
  }
}

function summary(values: number[]): RunResult['queueToStartMs'] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

async function dropTable(table: string): Promise<void> {
  const adapter = new KeyvPostgres({ uri: args.store!, table });
  await adapter.query(`DROP TABLE IF EXISTS ${table}`);
  await adapter.disconnect();
}

async function removeKeys(prefix: string): Promise<void> {
  const redis = await connectRedis({ url: args.redis!, name: 'scale-bench-cleanup', logger });
  const keys = await redis.keys(`*${prefix}*`);
  if (keys.length > 0) await redis.unlink(...keys);
  await closeRedis(redis);
}

async function main(): Promise<void> {
  const one = await run(1);
  const two = await run(2);
  const result = {
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
    model: args.model,
    runs: [one, two],
    throughputRatio: two.jobsPerMinute / one.jobsPerMinute,
  };
  for (const { workers, jobs, seconds, jobsPerMinute, queueToStartMs, synthesisSecondsPerJob, engineUtilisation } of result.runs) {
    console.log(
      `${workers} worker process(es): ${jobs} jobs in ${seconds.toFixed(1)} s = ${jobsPerMinute.toFixed(1)} jobs/min; ` +
        `queue-to-start p50 ${queueToStartMs.p50} ms, p95 ${queueToStartMs.p95} ms, max ${queueToStartMs.max} ms; ` +
        `synthesis ${synthesisSecondsPerJob.toFixed(2)} s/job, engines busy ${(engineUtilisation * 100).toFixed(0)}%`,
    );
  }
  console.log(`throughput ratio 2 workers / 1 worker: ${result.throughputRatio.toFixed(2)}x on ${result.machine.cores} cores`);
  console.log(JSON.stringify(result));
}

await main();
