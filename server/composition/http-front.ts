/**
 * The front of a process with HTTP (roles all and api): start-up repair of the jobs, live
 * audio and callbacks, retention sweeps, and the HTTP server. Role worker has none.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../http/app.ts';
import type { JobRecord } from '../shared/job.ts';
import type { ServiceParts, Services } from './services.ts';
import { createStreamAndCallbacks } from './stream-and-callbacks.ts';

export type FrontParts = ServiceParts & Services;

export interface Front {
  /** Base URL, e.g. http://127.0.0.1:8123 (the real port when started with port 0); empty without HTTP. */
  readonly url: string;
  /** 0 without HTTP. */
  readonly port: number;
  /** Refuses new connections and stops the sweeps; requests in progress go on. */
  stopAccepting(): Promise<void>;
  /** Stops callbacks (unfinished ones stay pending for the next start) and ends open streams. */
  close(): Promise<void>;
}

export async function startHttpFront(parts: FrontParts): Promise<Front> {
  const { config, clock, logger, coordination, store, layout, sweeper } = parts;
  const repair = async (): Promise<JobRecord[]> => {
    // Reading every record also rebuilds the job index (a Redis that came back empty has none).
    const records = await store.open();
    await coordination.recover(records, { store, clock, logger, audioDir: layout.audio, voicesDir: layout.voices });
    return records;
  };
  const records = await repair();
  coordination.onReconnect(async () => void (await repair()));
  const { bus, lock, claimCallback } = coordination;
  const push = createStreamAndCallbacks({ ...parts, bus, lock, claimCallback });
  push.start(records);
  const { jobs, voices, lexicons, health, metrics } = parts;
  const app = createApp({ config, jobs, voices, lexicons, health, metrics, logger, bus, live: push.live, deploymentMetrics: coordination.deploymentMetrics });
  const server = createServer(app.callback());
  await listen(server, config.http.port, config.http.host);
  const port = (server.address() as AddressInfo).port;
  sweeper.start();
  void sweeper.sweep().catch((error: unknown) => logger.error({ err: error }, 'retention sweep failed'));
  logger.info({ port, host: config.http.host, model: config.model.name, devices: config.model.devices, auth: config.http.apiKeys.length > 0 }, 'chatterbox listening');
  let closed: Promise<void> | undefined;
  const stopAccepting = async (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await sweeper.stop();
  };
  return {
    url: `http://${urlHost(config.http.host)}:${port}`,
    port,
    stopAccepting,
    async close() {
      await stopAccepting();
      await push.close();
      // Open event streams and slow downloads end here; their clients reconnect to the next process.
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Role worker: no HTTP, no sweeps, no callbacks; API processes of the deployment do those. */
export async function withoutHttp(): Promise<Front> {
  return { url: '', port: 0, stopAccepting: async () => undefined, close: async () => undefined };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
