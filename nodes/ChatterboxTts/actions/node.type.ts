import type { AllEntities } from 'n8n-workflow';

/** Resource -> operations of the Chatterbox TTS node; the router dispatches on this map. */
type NodeMap = {
	speech: 'generate';
	job: 'submit' | 'getStatus' | 'download' | 'cancel' | 'delete' | 'list';
	voice: 'upload' | 'list' | 'delete';
};

export type ChatterboxTtsType = AllEntities<NodeMap>;
