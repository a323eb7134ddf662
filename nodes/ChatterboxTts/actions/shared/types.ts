import type { IDataObject } from 'n8n-workflow';

/** Job states on the wire (GET /tts/status/:id). */
export type JobState = 'QUEUED' | 'PROCESSING' | 'COMPLETE' | 'FAILED' | 'CANCELLED';

export const FINISHED_STATES: readonly JobState[] = ['COMPLETE', 'FAILED', 'CANCELLED'];

/** The parts of the status document the node reads; the rest is passed through to the output. */
export interface JobStatus extends IDataObject {
	chatterbox_id: string;
	status: JobState;
	audio: { format: string; content_type: string; bytes: number; duration_seconds: number } | null;
	error: { code: string; message: string } | null;
}

/** 202 answer of POST /tts/synthesize. */
export interface SubmittedJob extends IDataObject {
	chatterbox_id: string;
	status: JobState;
	status_url: string;
	audio_url: string;
	events_url: string;
}

export interface JobPage extends IDataObject {
	jobs: JobStatus[];
	next_cursor: string | null;
}

export interface Voice extends IDataObject {
	id: string;
	name: string;
	builtin?: boolean;
}

export interface Language extends IDataObject {
	code: string;
	name: string;
}
