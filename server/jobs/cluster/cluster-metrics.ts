/**
 * /metrics of an API process in a deployment: the sum of every process's registry (from
 * the heartbeats, at most one heartbeat old), so counters and histograms of the worker
 * processes that ran the jobs show up where Prometheus scrapes. Gauges that describe the
 * whole deployment (queue depth, workers ready and busy) are computed once, not summed
 * over processes that would each count the same workers.
 */
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { ServiceMetrics } from '../../shared/metrics.ts';
import type { ClusterMember } from './cluster-presence.ts';
import type { ClusterWorkerStatus } from './cluster-pool-view.ts';

interface MetricJson {
  name: string;
  help: string;
  type: string;
  aggregator: string;
  values: Array<{ value: number; labels: Record<string, string | number> }>;
}

export interface ClusterMetricsInput {
  /** Live members from the presence heartbeat (this process's stale entry is replaced). */
  members: readonly ClusterMember[];
  selfId: string;
  own: ServiceMetrics;
  workers: readonly ClusterWorkerStatus[];
  queueDepth: number;
}

/** An aggregated registry; its `metrics()` is the Prometheus text. */
export async function aggregateClusterMetrics(input: ClusterMetricsInput): Promise<Registry> {
  const { own, workers } = input;
  const [depth, ready, busy] = await Promise.all([own.queueDepth.get(), own.workersReady.get(), own.workersBusy.get()]);
  const deploymentGauges: MetricJson[] = [
    gauge(depth, input.queueDepth),
    gauge(ready, workers.filter((worker) => worker.state === 'ready' || worker.state === 'busy').length),
    gauge(busy, workers.filter((worker) => worker.state === 'busy').length),
  ];
  const computed = new Set(deploymentGauges.map((metric) => metric.name));
  const snapshots = [
    ...input.members.filter((member) => member.id !== input.selfId).map((member) => member.metrics as MetricJson[]),
    (await own.registry.getMetricsAsJSON()) as unknown as MetricJson[],
  ].map((snapshot) => snapshot.filter((metric) => !computed.has(metric.name)));
  return AggregatorRegistry.aggregate([...snapshots, deploymentGauges]);
}

function gauge(metric: { name: string; help: string }, value: number): MetricJson {
  return { name: metric.name, help: metric.help, type: 'gauge', aggregator: 'sum', values: [{ value, labels: {} }] };
}
