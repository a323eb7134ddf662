/**
 * Turns the service's error answers (`{ error: { code, message, field } }`) into messages in
 * n8n terms: the message says what went wrong for the workflow, the description what to
 * change in it, followed by the service's own code and message.
 */

export interface ServiceError {
	statusCode: number;
	code?: string;
	message?: string;
	field?: string;
}

export interface Explanation {
	message: string;
	/** What to do in the workflow; the service's words are appended by the caller. */
	advice: string;
}

const RETRY_ADVICE =
	'Try again later, or turn on "Retry On Fail" in the node\'s settings so n8n retries by itself.';

/** Service error codes the workflow can act on, by code. */
const BY_CODE: Record<string, Explanation> = {
	job_not_finished: {
		message: 'The job is not finished yet, so it has no audio to download',
		advice:
			'Put a Chatterbox TTS node with Job > Get Status and "Wait Until Finished" turned on before this one, or use Speech > Generate, which waits by itself.',
	},
	job_failed: {
		message: 'The job failed, so it has no audio',
		advice: "Job > Get Status shows the job's error; fix the input and submit the text again.",
	},
	job_cancelled: {
		message: 'The job was cancelled, so it has no audio',
		advice: 'Submit the text again.',
	},
	job_finished: {
		message: 'The job already finished, so there is nothing to cancel',
		advice: 'Use Job > Delete to remove a finished job and its audio.',
	},
	job_deleted: {
		message: 'The job was deleted from the service',
		advice: 'Submit the text again; a deleted job cannot be fetched.',
	},
	job_expired: {
		message: 'The job expired and was removed from the service',
		advice:
			"Download audio before the service's retention period ends (CHATTERBOX_RETENTION_DAYS), or submit the text again.",
	},
	job_not_found: {
		message: 'The service has no job with this ID',
		advice:
			'Check the "Job ID" field: map the chatterbox_id of a Submit or Generate output, e.g. {{ $json.chatterbox_id }}.',
	},
	invalid_id: {
		message: 'The ID is not a valid job or voice ID',
		advice:
			'Map the ID from an earlier Chatterbox TTS node, e.g. {{ $json.chatterbox_id }}; IDs look like 7d0c9a62-7f3b-4a55-9d35-0f7c1f0a2b11.',
	},
	unknown_voice: {
		message: 'The service has no such voice',
		advice: 'Pick a voice from the "Voice" list, or upload one first with Voice > Upload.',
	},
	voice_not_found: {
		message: 'The service has no such voice',
		advice: 'Pick a voice from the list; Voice > List shows the uploaded ones.',
	},
	builtin_voice: {
		message: 'The built-in default voice cannot be deleted',
		advice: 'Choose an uploaded voice.',
	},
	idempotency_key_reused: {
		message: 'The idempotency key was already used for a different request',
		advice: 'Use a new "Idempotency Key" for a different text or different settings.',
	},
	callback_url_not_allowed: {
		message: 'The service refuses this callback URL',
		advice:
			'Use {{ $execution.resumeUrl }} of a Wait node, and make sure its host is allowed on the service (CHATTERBOX_CALLBACK_ALLOWED_HOSTS).',
	},
	queue_full: {
		message: 'The service is busy: its job queue is full',
		advice: `Lower "Max Parallel Jobs" in the node's options. ${RETRY_ADVICE}`,
	},
	model_not_ready: {
		message: 'The service is still loading its model',
		advice: RETRY_ADVICE,
	},
};

/** The rest, by HTTP status. */
function byStatus(error: ServiceError): Explanation {
	const { statusCode, field } = error;
	if (statusCode === 401 || statusCode === 403) {
		return {
			message: 'The Chatterbox service rejected the API key',
			advice:
				"Open the node's Chatterbox API credentials and enter one of the keys in the service's CHATTERBOX_API_KEYS.",
		};
	}
	if (statusCode === 404) {
		return {
			message: 'The service does not know this address',
			advice:
				'Check the Base URL in the Chatterbox API credentials: it is the address of the Chatterbox service, without a path (e.g. http://127.0.0.1:8123).',
		};
	}
	if (statusCode === 413) {
		return {
			message: 'The input is too large for the service',
			advice: 'Split long texts into several items, or upload a shorter clip.',
		};
	}
	if (statusCode === 415 || statusCode === 422) {
		return {
			message: `The service cannot use this file${error.message ? `: ${error.message}` : ''}`,
			advice:
				'Upload a clear recording of one speaker, 1 to 30 seconds long (wav, mp3, flac, ogg, m4a).',
		};
	}
	if (statusCode >= 400 && statusCode < 500) {
		return {
			message: error.message ?? `The service rejected the request (HTTP ${statusCode})`,
			advice: field
				? `Fix "${field}" in the node's parameters or options.`
				: "Check the node's parameters.",
		};
	}
	return {
		message: `The Chatterbox service failed (HTTP ${statusCode})`,
		advice: `${RETRY_ADVICE} The service's log tells more.`,
	};
}

export function explainServiceError(error: ServiceError): Explanation {
	return (error.code && BY_CODE[error.code]) || byStatus(error);
}

/** "What to do. Chatterbox answered HTTP 409, code "x", field "y" to GET /path: message" */
export function describeServiceError(
	error: ServiceError,
	request: { method: string; path: string },
	advice: string,
): string {
	const details = [`HTTP ${error.statusCode}`];
	if (error.code) details.push(`code "${error.code}"`);
	if (error.field) details.push(`field "${error.field}"`);
	const said = error.message ? `: ${error.message}` : '';
	return `${advice} Chatterbox answered ${details.join(', ')} to ${request.method} ${request.path}${said}`;
}
