/**
 * A minimal n8n execution context for running the node's operations outside n8n.
 *
 * Only the edges are stand-ins: parameters come from a plain object (with the node
 * description's defaults filled in, as n8n does), and binary data lives in a Map. HTTP is
 * real: `httpRequest` follows n8n's request semantics (returnFullResponse,
 * ignoreHttpStatusErrors, encoding: 'arraybuffer', Buffer bodies) over fetch, and
 * `httpRequestWithAuthentication` applies the credential class's own `authenticate` block.
 */
import type {
  IBinaryData,
  IDataObject,
  IExecuteFunctions,
  IHttpRequestOptions,
  ILoadOptionsFunctions,
  INode,
  INodeExecutionData,
  INodeProperties,
} from 'n8n-workflow';
import { ChatterboxApi } from '../../../credentials/ChatterboxApi.credentials.ts';
import { ChatterboxTts } from '../../../nodes/ChatterboxTts/ChatterboxTts.node.ts';

export interface Credentials {
  baseUrl: string;
  apiKey: string;
}

export interface ContextOptions {
  /** Node parameters; a function gives per-item values (like expressions do). */
  parameters: IDataObject | ((itemIndex: number) => IDataObject);
  credentials: Credentials;
  items?: INodeExecutionData[];
  continueOnFail?: boolean;
}

interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

export interface TestContext {
  ctx: IExecuteFunctions;
  /** Bytes behind each binary id handed out by prepareBinaryData. */
  binaries: Map<string, Buffer>;
  requests: RecordedRequest[];
  warnings: string[];
  cancel: AbortController;
}

const NODE: INode = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Chatterbox TTS',
  type: 'n8n-nodes-chatterbox.chatterboxTts',
  typeVersion: 1,
  position: [0, 0],
  parameters: {},
};

const nodeProperties = new ChatterboxTts().description.properties;
const credentialType = new ChatterboxApi();

/** n8n fills parameters the workflow leaves out with the default of the property shown. */
function withDefaults(given: IDataObject): IDataObject {
  const resolved: IDataObject = { ...given };
  const visible = (property: INodeProperties): boolean =>
    Object.entries(property.displayOptions?.show ?? {}).every(
      ([name, values]) =>
        resolved[name] === undefined || (values as unknown[]).includes(resolved[name]),
    );
  for (const name of ['resource', 'operation']) {
    const property = nodeProperties.find((p) => p.name === name && visible(p));
    if (property && resolved[name] === undefined) resolved[name] = property.default;
  }
  for (const property of nodeProperties) {
    if (resolved[property.name] === undefined && visible(property)) {
      resolved[property.name] = property.default as IDataObject[string];
    }
  }
  return resolved;
}

/** Resolves `={{$credentials.x}}` and `=text {{$credentials.x}}` templates. */
function resolveCredentialTemplate(template: string, credentials: Credentials): string {
  if (!template.startsWith('=')) return template;
  return template
    .slice(1)
    .replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: keyof Credentials) =>
      String(credentials[key] ?? ''),
    );
}

function authenticate(options: IHttpRequestOptions, credentials: Credentials): IHttpRequestOptions {
  const headers = { ...(options.headers ?? {}) };
  const auth = credentialType.authenticate;
  if (typeof auth !== 'object' || auth.type !== 'generic')
    throw new Error('expected generic authentication');
  for (const [name, value] of Object.entries(auth.properties.headers ?? {})) {
    headers[name] = resolveCredentialTemplate(String(value), credentials);
  }
  return { ...options, headers };
}

/** An error shaped like the one axios raises, which is what n8n's helpers throw. */
class RequestError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly response?: { status: number; data: unknown },
  ) {
    super(message);
  }
}

async function readBody(response: Response, options: IHttpRequestOptions): Promise<unknown> {
  const bytes = Buffer.from(await response.arrayBuffer());
  if (options.encoding === 'arraybuffer') return bytes;
  const text = bytes.toString('utf8');
  if ((response.headers.get('content-type') ?? '').includes('json') && text !== '') {
    return JSON.parse(text);
  }
  return text;
}

async function httpRequest(
  options: IHttpRequestOptions,
  requests?: RecordedRequest[],
): Promise<unknown> {
  // axios (under n8n's helpers) appends the url to baseURL's path: combineURLs.
  const url = new URL(
    options.baseURL
      ? `${options.baseURL.replace(/\/+$/, '')}/${options.url.replace(/^\/+/, '')}`
      : options.url,
  );
  for (const [key, value] of Object.entries(options.qs ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.headers ?? {})) headers[key] = String(value);
  let body: BodyInit | undefined;
  if (Buffer.isBuffer(options.body)) {
    body = new Uint8Array(options.body);
  } else if (options.body !== undefined && Object.keys(options.body as object).length > 0) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  if (options.json) headers.Accept ??= 'application/json';
  const method = options.method ?? 'GET';
  requests?.push({ method, url: url.toString(), headers });
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: method === 'GET' ? undefined : body });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new RequestError(cause?.message ?? (error as Error).message, cause?.code);
  }
  const data = await readBody(response, options);
  if (response.status >= 400 && !options.ignoreHttpStatusErrors) {
    throw new RequestError(`Request failed with status code ${response.status}`, undefined, {
      status: response.status,
      data,
    });
  }
  if (!options.returnFullResponse) return data;
  return {
    body: data,
    headers: Object.fromEntries([...response.headers]),
    statusCode: response.status,
    statusMessage: response.statusText,
  };
}

export function createExecuteContext(options: ContextOptions): TestContext {
  const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
  const binaries = new Map<string, Buffer>();
  const requests: RecordedRequest[] = [];
  const warnings: string[] = [];
  const cancel = new AbortController();
  const parametersFor = (i: number): IDataObject =>
    withDefaults(
      typeof options.parameters === 'function' ? options.parameters(i) : options.parameters,
    );

  const binaryOf = (i: number, property: string): IBinaryData => {
    const binary = items[i]?.binary?.[property];
    if (!binary)
      throw new Error(
        `This operation expects the node's input data to contain a binary file '${property}'`,
      );
    return binary;
  };

  const helpers = {
    httpRequest: (request: IHttpRequestOptions) => httpRequest(request, requests),
    async httpRequestWithAuthentication(credentialsType: string, request: IHttpRequestOptions) {
      if (credentialsType !== credentialType.name)
        throw new Error(`unknown credentials ${credentialsType}`);
      return await httpRequest(authenticate(request, options.credentials), requests);
    },
    async prepareBinaryData(
      data: Buffer,
      fileName?: string,
      mimeType?: string,
    ): Promise<IBinaryData> {
      const id = `test-binary:${binaries.size + 1}`;
      binaries.set(id, Buffer.from(data));
      const extension = fileName?.includes('.') ? fileName.split('.').pop() : undefined;
      return {
        id,
        data: 'filesystem-v2',
        mimeType: mimeType ?? 'application/octet-stream',
        fileName,
        fileExtension: extension,
        fileSize: `${data.length} B`,
      };
    },
    assertBinaryData: (i: number, property: string) => binaryOf(i, property),
    async getBinaryDataBuffer(i: number, property: string): Promise<Buffer> {
      const binary = binaryOf(i, property);
      return binary.id ? binaries.get(binary.id)! : Buffer.from(binary.data, 'base64');
    },
  };

  const ctx = {
    getInputData: () => items,
    getNode: () => NODE,
    getNodeParameter(name: string, i: number, fallback?: unknown) {
      const value = parametersFor(i)[name];
      if (value !== undefined) return value;
      if (fallback !== undefined) return fallback;
      throw new Error(`Could not get parameter "${name}"`);
    },
    getCredentials: async () => ({ ...options.credentials }),
    continueOnFail: () => options.continueOnFail ?? false,
    getExecutionCancelSignal: () => cancel.signal,
    logger: {
      warn: (message: string) => warnings.push(message),
      debug: () => undefined,
      info: () => undefined,
      error: (message: string) => warnings.push(message),
    },
    helpers,
  };
  return { ctx: ctx as unknown as IExecuteFunctions, binaries, requests, warnings, cancel };
}

/** The loadOptions methods see only credentials and the request helpers. */
export function createLoadOptionsContext(credentials: Credentials): ILoadOptionsFunctions {
  const { ctx } = createExecuteContext({ parameters: {}, credentials });
  return ctx as unknown as ILoadOptionsFunctions;
}

export interface CredentialTestResult {
  status: 'OK' | 'Error';
  message: string;
}

/**
 * Performs the credential's own test request (what n8n's "Test" button sends) and judges the
 * answer as n8n's credentials tester does: a failed request is an error, and an error status
 * that a rule names gives that rule's message.
 */
export async function runCredentialTest(credentials: Credentials): Promise<CredentialTestResult> {
  const { request, rules = [] } = credentialType.test;
  let response: { statusCode: number };
  try {
    response = (await httpRequest(
      authenticate(
        {
          url: request.url ?? '/',
          baseURL: resolveCredentialTemplate(String(request.baseURL), credentials),
          method: request.method ?? 'GET',
          qs: request.qs,
          json: true,
          returnFullResponse: true,
          ignoreHttpStatusErrors: true,
        },
        credentials,
      ),
    )) as { statusCode: number };
  } catch (error) {
    return { status: 'Error', message: (error as Error).message };
  }
  if (response.statusCode < 400) return { status: 'OK', message: 'Connection tested successfully' };
  for (const rule of rules) {
    if (rule.type === 'responseCode' && rule.properties.value === response.statusCode) {
      return { status: 'Error', message: rule.properties.message };
    }
  }
  return { status: 'Error', message: `Request failed with status code ${response.statusCode}` };
}

/** Runs the node as n8n would: `execute` bound to the context. */
export async function runNode(test: TestContext): Promise<INodeExecutionData[]> {
  const [output] = await new ChatterboxTts().execute.call(test.ctx);
  return output;
}
