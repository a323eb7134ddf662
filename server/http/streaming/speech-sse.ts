/**
 * OpenAI's `stream_format: "sse"` for speech: one `speech.audio.delta` event per encoded
 * piece (base64 in `audio`), then `speech.audio.done` with usage. Events carry only `data:`
 * lines with a `type` field, like OpenAI's, so EventSource `onmessage` handlers see them.
 * A job that fails mid-way ends the stream with an `error` event (OpenAI's error shape).
 */
import { PassThrough } from 'node:stream';
import type { Context } from 'koa';
import { SAMPLES_PER_SPEECH_TOKEN } from '../../shared/audio-constants.ts';
import { toAppError } from '../middleware/error-handler.ts';
import { openAiErrorBody } from '../openai/openai-errors.ts';
import { setStreamingHeaders } from './stream-response.ts';

/** Comment lines keep proxies from closing a stream that waits for the queue. */
const HEARTBEAT_MS = 15_000;

export interface SpeechSseOptions {
  /** Input characters, reported as input_tokens. */
  inputChars: number;
  /** Samples streamed so far (read at the end for output_tokens). */
  stats: { samples: number };
  headers?: Record<string, string>;
  onError?: (error: unknown) => void;
}

function event(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

export function sendSpeechEvents(ctx: Context, source: AsyncGenerator<Uint8Array>, options: SpeechSseOptions): void {
  setStreamingHeaders(ctx, 'text/event-stream');
  for (const [name, value] of Object.entries(options.headers ?? {})) ctx.set(name, value);
  const stream = new PassThrough();
  stream.on('error', () => undefined);
  ctx.body = stream;
  // The status line and headers now, not when the first audio leaves a long queue.
  ctx.flushHeaders();
  const write = (text: string): void => {
    if (!stream.destroyed && !stream.writableEnded) stream.write(text);
  };
  const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
  stream.once('close', () => void source.return(undefined));
  void (async () => {
    try {
      for await (const bytes of source) write(event({ type: 'speech.audio.delta', audio: Buffer.from(bytes).toString('base64') }));
      const outputTokens = Math.round(options.stats.samples / SAMPLES_PER_SPEECH_TOKEN);
      const usage = { input_tokens: options.inputChars, output_tokens: outputTokens, total_tokens: options.inputChars + outputTokens };
      write(event({ type: 'speech.audio.done', usage }));
    } catch (error) {
      options.onError?.(error);
      const app = toAppError(error);
      write(event({ type: 'error', ...openAiErrorBody(app, app.expose ? app.message : 'Internal server error.') }));
    } finally {
      clearInterval(heartbeat);
      if (!stream.destroyed) stream.end();
    }
  })();
}
