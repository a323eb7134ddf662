/** CPU-time accounting shared by the engine benches (process.cpuUsage, user + system). */
import type { ChatterboxSessions } from '../server/engine/chatterbox/chatterbox-sessions.ts';

/** CPU milliseconds (all threads of this process) since `since`. */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Adds the CPU time spent inside each session's run to `counter.ms`. */
export function countRunCpu(sessions: ChatterboxSessions['embedTokens'][], counter: { ms: number }): void {
  for (const session of sessions) {
    const run = session.run.bind(session);
    session.run = async (feeds) => {
      const since = process.cpuUsage();
      try {
        return await run(feeds);
      } finally {
        counter.ms += cpuMsSince(since);
      }
    };
  }
}
