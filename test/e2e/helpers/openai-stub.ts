/**
 * A small OpenAI-compatible chat endpoint on loopback, standing in for GPT-OSS on Ollama or
 * vLLM in the end-to-end test: POST /v1/chat/completions (plain and streamed) and
 * GET /v1/models. It answers every prompt with one fixed text and records the requests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OpenAiStub {
  /** Base URL including /v1, as OpenAI clients expect it. */
  baseUrl: string;
  requests: Array<{ path: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('error', reject);
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? (JSON.parse(text) as Record<string, unknown>) : {});
      } catch (error) {
        reject(error);
      }
    });
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function completion(model: string, content: string) {
  return {
    id: 'chatcmpl-stub-1',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      { index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null },
    ],
    usage: { prompt_tokens: 20, completion_tokens: 20, total_tokens: 40 },
  };
}

function streamCompletion(response: ServerResponse, model: string, content: string): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const base = {
    id: 'chatcmpl-stub-1',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
  };
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  response.write(chunk({ role: 'assistant', content: '' }, null));
  response.write(chunk({ content }, null));
  response.write(chunk({}, 'stop'));
  response.end('data: [DONE]\n\n');
}

export async function startOpenAiStub(answer: string): Promise<OpenAiStub> {
  const requests: OpenAiStub['requests'] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://stub').pathname;
      const body = request.method === 'POST' ? await readJson(request) : {};
      requests.push({ path, body });
      if (request.method === 'GET' && path === '/v1/models') {
        return sendJson(response, 200, {
          object: 'list',
          data: [{ id: 'gpt-oss:20b', object: 'model', owned_by: 'stub' }],
        });
      }
      if (request.method === 'POST' && path === '/v1/chat/completions') {
        const model = String(body.model ?? 'gpt-oss:20b');
        if (body.stream) return streamCompletion(response, model, answer);
        return sendJson(response, 200, completion(model, answer));
      }
      sendJson(response, 404, {
        error: { message: `stub has no route ${request.method} ${path}` },
      });
    })().catch((error: Error) => sendJson(response, 500, { error: { message: error.message } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
