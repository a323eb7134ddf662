/**
 * A workflow for the e2e suite (not an example) that drives the node's job handling as a
 * user would, in three chains from one manual trigger, so that one `n8n execute` (one n8n
 * boot, the slow part) covers them all:
 * - "Submit" → "Wait until finished" (Job › Get Status) → "Download": no Wait node;
 * - "Too slow": Speech › Generate with a 1 s timeout on the slow service; its error item
 *   (Continue On Fail) names the job it cancelled;
 * - "Five texts" → "Split texts" → "Speak all": 5 items, Max Parallel Jobs 5.
 * The service runs one job at a time, so the jobs' timestamps show how the node submitted them.
 */

export const JOB_WORKFLOW_ID = 'chatterboxE2eJobs';
export const FAST_CREDENTIAL = { id: 'chatterboxCred01', name: 'Chatterbox account' };
export const SLOW_CREDENTIAL = { id: 'chatterboxSlow01', name: 'Chatterbox (slow model)' };

export const CHAINED_TEXT = 'Submitted, waited for and downloaded without a Wait node.';
/** Keeps the slow model busy far longer than the 1 s timeout. */
const TOO_LONG_TEXT = Array.from(
  { length: 12 },
  (_, i) => `This is sentence number ${i + 1} of a long text.`,
).join(' ');
export const TIMEOUT_SECONDS = 1;
/**
 * The first text is the longest: its job is still running when the other four are submitted
 * if (and only if) the node submits them together, however fast the machine is.
 */
export const PARALLEL_TEXTS = [
  'The first item is the longest one. It has three sentences. This keeps its job busy.',
  'Second.',
  'Third.',
  'Fourth.',
  'Fifth.',
];
export const MAX_PARALLEL_JOBS = 5;
/** The service does the work; n8n only asks, so ask often to keep the suite quick. */
const POLL_SECONDS = 0.2;

type Parameters = Record<string, unknown>;

function node(
  name: string,
  x: number,
  y: number,
  type: string,
  version: number,
  parameters: Parameters,
) {
  return {
    id: `e2e00000-0000-4000-8000-${String(x * 10 + y).padStart(12, '0')}`,
    name,
    type,
    typeVersion: version,
    position: [x, y],
    parameters,
  };
}

function chatterbox(
  name: string,
  x: number,
  y: number,
  credential: { id: string; name: string },
  parameters: Parameters,
) {
  return {
    ...node(name, x, y, 'n8n-nodes-chatterbox.chatterboxTts', 1, parameters),
    credentials: { chatterboxApi: credential },
  };
}

function setJson(name: string, x: number, y: number, json: unknown) {
  return node(name, x, y, 'n8n-nodes-base.set', 3.4, {
    mode: 'raw',
    jsonOutput: JSON.stringify(json),
    options: {},
  });
}

/** `from` → `to` pairs, each on the first output. */
function connect(...pairs: Array<[string, string]>) {
  const connections: Record<
    string,
    { main: Array<Array<{ node: string; type: 'main'; index: 0 }>> }
  > = {};
  for (const [from, to] of pairs) {
    connections[from] ??= { main: [[]] };
    connections[from].main[0].push({ node: to, type: 'main', index: 0 });
  }
  return connections;
}

export function jobWorkflow() {
  return {
    id: JOB_WORKFLOW_ID,
    name: 'Chatterbox e2e: job chains',
    active: false,
    settings: { executionOrder: 'v1' },
    pinData: {},
    nodes: [
      node('Run', 0, 0, 'n8n-nodes-base.manualTrigger', 1, {}),
      chatterbox('Submit', 200, 0, FAST_CREDENTIAL, {
        resource: 'job',
        operation: 'submit',
        text: CHAINED_TEXT,
        language: 'en',
        voice: 'default',
        format: 'wav',
        options: {},
      }),
      chatterbox('Wait until finished', 400, 0, FAST_CREDENTIAL, {
        resource: 'job',
        operation: 'getStatus',
        jobId: '={{ $json.chatterbox_id }}',
        waitUntilFinished: true,
        options: { pollInterval: POLL_SECONDS, timeout: 120 },
      }),
      chatterbox('Download', 600, 0, FAST_CREDENTIAL, {
        resource: 'job',
        operation: 'download',
        jobId: '={{ $json.chatterbox_id }}',
        format: '',
        binaryPropertyName: 'data',
        options: {},
      }),
      {
        ...chatterbox('Too slow', 200, 200, SLOW_CREDENTIAL, {
          resource: 'speech',
          operation: 'generate',
          text: TOO_LONG_TEXT,
          language: 'en',
          voice: 'default',
          format: 'wav',
          binaryPropertyName: 'data',
          options: { pollInterval: POLL_SECONDS, timeout: TIMEOUT_SECONDS },
        }),
        onError: 'continueRegularOutput',
      },
      setJson('Five texts', 200, 400, { texts: PARALLEL_TEXTS }),
      node('Split texts', 400, 400, 'n8n-nodes-base.splitOut', 1, {
        fieldToSplitOut: 'texts',
        include: 'noOtherFields',
        options: {},
      }),
      chatterbox('Speak all', 600, 400, FAST_CREDENTIAL, {
        resource: 'speech',
        operation: 'generate',
        text: '={{ $json.texts }}',
        language: 'en',
        voice: 'default',
        format: 'wav',
        binaryPropertyName: 'data',
        options: { pollInterval: POLL_SECONDS, timeout: 300, maxParallelJobs: MAX_PARALLEL_JOBS },
      }),
    ],
    connections: connect(
      ['Run', 'Submit'],
      ['Run', 'Too slow'],
      ['Run', 'Five texts'],
      ['Submit', 'Wait until finished'],
      ['Wait until finished', 'Download'],
      ['Five texts', 'Split texts'],
      ['Split texts', 'Speak all'],
    ),
  };
}
