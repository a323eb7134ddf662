import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import type { JobPage, JobStatus } from '../shared/types';

/** Jobs asked for per request while paging; the service's default page size. */
const PAGE_SIZE = 50;

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Cancelled', value: 'CANCELLED' },
					{ name: 'Complete', value: 'COMPLETE' },
					{ name: 'Failed', value: 'FAILED' },
					{ name: 'Processing', value: 'PROCESSING' },
					{ name: 'Queued', value: 'QUEUED' },
				],
				default: 'COMPLETE',
				description: 'Only jobs in this state',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['list'] } },
	properties,
);

/** Jobs, newest first, one output item per job. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', i) as number);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const jobs: JobStatus[] = [];
	let cursor: string | null = null;
	do {
		const qs: IDataObject = { limit: Math.min(PAGE_SIZE, limit - jobs.length) };
		if (filters.status) qs.status = filters.status;
		if (cursor) qs.cursor = cursor;
		const { body } = await apiRequest<JobPage>(this, {
			method: 'GET',
			path: '/tts/jobs',
			qs,
			itemIndex: i,
		});
		jobs.push(...body.jobs);
		cursor = body.next_cursor;
	} while (cursor && jobs.length < limit);
	return jobs.slice(0, limit).map((job) => ({ json: job }));
}
