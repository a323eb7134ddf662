import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregateClusterMetrics } from '../../../server/jobs/cluster/cluster-metrics.ts';
import { ClusterPoolView } from '../../../server/jobs/cluster/cluster-pool-view.ts';
import { ClusterPresence, type MemberState, type ProcessRole } from '../../../server/jobs/cluster/cluster-presence.ts';
import type { Clock } from '../../../server/shared/clock.ts';
import { createMetrics, type ServiceMetrics } from '../../../server/shared/metrics.ts';
import type { WorkerStatus } from '../../../server/workers/worker-pool.ts';
import { quietLogger, redisSkip, suiteRedis, uniqueName } from './scale-test-env.ts';

const INTERVAL_MS = 1000;

function engine(state: WorkerStatus['state'], currentJobId: string | null = null): WorkerStatus {
  return { index: 0, device: 'cpu', state, currentJobId, jobsDone: 0, error: null };
}

describe('cluster presence, health view and metrics (real Redis)', { skip: redisSkip() }, () => {
  const prefix = uniqueName('presence');
  const clock = { time: 1_000_000, now(): number { return this.time; } } satisfies Clock & { time: number };
  const presences: ClusterPresence[] = [];
  const suite = suiteRedis(prefix, presences);

  function member(role: ProcessRole, metrics: ServiceMetrics, state: () => MemberState): ClusterPresence {
    const presence = new ClusterPresence({ redis: suite.redis, prefix, role, registry: metrics.registry, state, clock, logger: quietLogger, intervalMs: INTERVAL_MS });
    presences.push(presence);
    return presence;
  }

  it('shows an API process the engines of the worker processes, and ready once one has loaded', async () => {
    let workerState: MemberState = { ready: false, modelError: null, workers: [engine('starting')] };
    const api = member('api', createMetrics(), () => ({ ready: false, modelError: null, workers: [] }));
    const worker = member('worker', createMetrics(), () => workerState);
    await worker.start();
    await api.start();
    const view = new ClusterPoolView(() => api.members);
    assert.equal(api.members.length, 2);
    assert.equal(view.ready, false);
    assert.deepEqual(view.status().map((status) => [status.state, status.pid]), [['starting', process.pid]]);

    workerState = { ready: true, modelError: null, workers: [engine('busy', 'job-1'), { ...engine('ready'), index: 1 }] };
    await worker.beat();
    await api.beat();
    assert.equal(view.ready, true);
    assert.deepEqual(view.status().map((status) => [status.index, status.state, status.currentJobId]), [[0, 'busy', 'job-1'], [1, 'ready', null]]);

    await worker.close();
    await api.beat();
    assert.equal(view.ready, false, 'a worker that left is no longer counted');
    await api.close();
  });

  it('drops a member that stopped beating without leaving (killed), after three intervals', async () => {
    const dead = member('worker', createMetrics(), () => ({ ready: true, modelError: null, workers: [engine('ready')] }));
    const api = member('api', createMetrics(), () => ({ ready: false, modelError: null, workers: [] }));
    await dead.start();
    await api.start();
    assert.equal(api.members.length, 2);
    clock.time += INTERVAL_MS * 3 + 1;
    await api.beat();
    assert.deepEqual(api.members.map((seen) => seen.role), ['api']);
    assert.equal(await suite.redis.hlen(`${prefix}:members`), 1, 'the dead entry is removed');
    await api.close();
  });

  it('reports a model error of a worker process as the health error', async () => {
    const broken = member('worker', createMetrics(), () => ({ ready: false, modelError: 'model files missing', workers: [] }));
    await broken.start();
    const view = new ClusterPoolView(() => broken.members);
    assert.match(view.firstError?.message ?? '', /model files missing/);
    await broken.close();
  });

  it('sums counters and histograms of every process and counts deployment-wide gauges once', async () => {
    const apiMetrics = createMetrics();
    const workerMetrics = [createMetrics(), createMetrics()];
    apiMetrics.jobsSubmitted.inc(5);
    workerMetrics[0]!.jobsFinished.inc({ status: 'COMPLETE' }, 3);
    workerMetrics[1]!.jobsFinished.inc({ status: 'COMPLETE' }, 2);
    workerMetrics[1]!.jobDuration.observe(1.5);
    for (const metrics of [apiMetrics, ...workerMetrics]) metrics.queueDepth.set(7); // each process would see the same queue
    const api = member('api', apiMetrics, () => ({ ready: false, modelError: null, workers: [] }));
    const workers = workerMetrics.map((metrics, index) => member('worker', metrics, () => ({ ready: true, modelError: null, workers: [engine(index === 0 ? 'busy' : 'ready')] })));
    for (const presence of workers) await presence.start();
    await api.start();
    const registry = await aggregateClusterMetrics({
      members: api.members,
      selfId: api.self.id,
      own: apiMetrics,
      workers: new ClusterPoolView(() => api.members).status(),
      queueDepth: 7,
    });
    const text = await registry.metrics();
    assert.match(text, /^chatterbox_jobs_submitted_total 5$/m);
    assert.match(text, /^chatterbox_jobs_finished_total\{status="COMPLETE"\} 5$/m);
    assert.match(text, /^chatterbox_job_duration_seconds_count 1$/m);
    assert.match(text, /^chatterbox_queue_depth 7$/m);
    assert.match(text, /^chatterbox_workers_ready 2$/m);
    assert.match(text, /^chatterbox_workers_busy 1$/m);
  });
});
