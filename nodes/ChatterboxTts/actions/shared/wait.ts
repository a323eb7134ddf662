import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { WaitSettings } from './polling';

/** Defaults for the wait: most texts finish in seconds, 20,000 characters take minutes on a CPU. */
const DEFAULT_POLL_INTERVAL_SECONDS = 2;
const DEFAULT_TIMEOUT_SECONDS = 600;
/** Jobs one node execution keeps on the service at once; the service queues what it cannot run. */
export const DEFAULT_MAX_PARALLEL_JOBS = 5;

/** How an operation that waits for a job polls, gives up, and cleans up. */
export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Cancel Job on Timeout',
		name: 'cancelOnTimeout',
		type: 'boolean',
		default: true,
		description:
			'Whether to cancel the job on the service when the timeout is reached, so it stops using CPU time (it stays listed as cancelled)',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: DEFAULT_POLL_INTERVAL_SECONDS,
		description: 'How often to ask the service whether the audio is ready',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_TIMEOUT_SECONDS,
		description:
			'How long to wait for the job before failing. Long texts on a CPU take about as long as the speech itself, or longer.',
	},
];

export const maxParallelJobsOption: INodeProperties = {
	displayName: 'Max Parallel Jobs',
	name: 'maxParallelJobs',
	type: 'number',
	typeOptions: { minValue: 1, numberPrecision: 0 },
	default: DEFAULT_MAX_PARALLEL_JOBS,
	description:
		'How many input items this node works on at once. Their jobs are submitted together and waited for together; the output keeps the order of the input.',
};

export function readWaitSettings(options: IDataObject): WaitSettings {
	return {
		pollIntervalSeconds: (options.pollInterval as number) ?? DEFAULT_POLL_INTERVAL_SECONDS,
		timeoutSeconds: (options.timeout as number) ?? DEFAULT_TIMEOUT_SECONDS,
		cancelOnTimeout: (options.cancelOnTimeout as boolean) ?? true,
	};
}
