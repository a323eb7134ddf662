// The only place that talks HTTP to the service. Every call carries the API key as a
// Bearer token, so audio and events are fetched with fetch() rather than <audio src> or
// EventSource (neither can send an Authorization header).

/** A service error, shaped like the API's `{ error: { code, message, field? } }`. */
export class ApiError extends Error {
  /**
   * @param {number} status HTTP status (0 when the service could not be reached)
   * @param {string} code snake_case error code
   * @param {string} message human-readable message from the service
   * @param {string | undefined} field request field the error concerns
   */
  constructor(status, code, message, field) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** Reads the API's error body; falls back to the status line when the body is not JSON. */
async function toApiError(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status line is all we have.
  }
  const error = body && typeof body === 'object' ? body.error : null;
  if (error && typeof error.message === 'string') {
    return new ApiError(
      response.status,
      String(error.code ?? 'error'),
      error.message,
      error.field ?? undefined,
    );
  }
  const text = response.statusText || 'request failed';
  return new ApiError(
    response.status,
    'http_' + response.status,
    `${response.status} ${text}`,
    undefined,
  );
}

export class ApiClient {
  /**
   * @param {() => { baseUrl: string, apiKey: string }} connection read on every call, so a
   *   changed key or URL applies at once
   */
  constructor(connection) {
    this.connection = connection;
  }

  /** Absolute URL of an API path such as `/tts/jobs` (or of a service-given `status_url`). */
  url(path) {
    const { baseUrl } = this.connection();
    const base = baseUrl ? baseUrl.replace(/\/+$/, '') + '/' : location.origin + '/';
    return new URL(path.replace(/^\/+/, ''), base).toString();
  }

  headers(extra = {}) {
    const { apiKey } = this.connection();
    return apiKey ? { ...extra, Authorization: `Bearer ${apiKey}` } : { ...extra };
  }

  /** fetch() with auth; network failures become ApiError(0) and non-2xx answers ApiError(status). */
  async raw(path, init = {}) {
    let response;
    try {
      response = await fetch(this.url(path), { ...init, headers: this.headers(init.headers) });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(
        0,
        'network_error',
        `Cannot reach the service at ${this.url('/')}.`,
        undefined,
      );
    }
    if (!response.ok) throw await toApiError(response);
    return response;
  }

  async json(path, init = {}) {
    const response = await this.raw(path, init);
    return response.json();
  }

  /** Calls without auth work too (GET /health, /openapi.json): a key is harmless there. */
  health() {
    return this.json('/health');
  }

  openApi() {
    return this.json('/openapi.json');
  }

  languages() {
    return this.json('/languages');
  }

  voices() {
    return this.json('/voices');
  }

  /** @param {FormData} form multipart body with `file` and optional `name` */
  uploadVoice(form) {
    return this.json('/voices', { method: 'POST', body: form });
  }

  deleteVoice(id) {
    return this.json(`/voices/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  synthesize(request) {
    return this.json('/tts/synthesize', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  status(id) {
    return this.json(`/tts/status/${encodeURIComponent(id)}`);
  }

  /** @param {{ limit?: number, cursor?: string | null }} page */
  jobs({ limit, cursor } = {}) {
    const query = new URLSearchParams();
    if (limit) query.set('limit', String(limit));
    if (cursor) query.set('cursor', cursor);
    const search = query.toString();
    const suffix = search ? `?${search}` : '';
    return this.json(`/tts/jobs${suffix}`);
  }

  /** Stops a queued or running job; it stays in the history as CANCELLED. */
  cancelJob(id) {
    return this.json(`/tts/jobs/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
  }

  deleteJob(id) {
    return this.json(`/tts/jobs/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  /**
   * Downloads a job's audio as a Blob.
   * @param {string} id job id
   * @param {{ convertTo?: string, extension?: string }} options `convertTo` asks the service
   *   for another format (e.g. `wav` to play raw PCM); `extension` names the file when the
   *   Content-Disposition header is not readable (cross-origin without exposed headers)
   * @returns {Promise<{ blob: Blob, fileName: string }>}
   */
  async audio(id, { convertTo, extension } = {}) {
    const suffix = convertTo ? `?format=${encodeURIComponent(convertTo)}` : '';
    const response = await this.raw(`/tts/audio/${encodeURIComponent(id)}${suffix}`);
    const blob = await response.blob();
    const fileName =
      fileNameFrom(response.headers.get('Content-Disposition')) ??
      `${id}.${convertTo ?? extension ?? 'audio'}`;
    return { blob, fileName };
  }

  /**
   * Downloads a finished job's captions (one cue per sentence) as a Blob.
   * @param {string} id job id
   * @param {'srt' | 'vtt'} format
   */
  async captions(id, format) {
    const response = await this.raw(`/tts/captions/${encodeURIComponent(id)}?format=${format}`);
    return { blob: await response.blob(), fileName: `${id}.${format}` };
  }

  /** @param {string} language */
  lexicon(language) {
    return this.json(`/lexicons/${encodeURIComponent(language)}`);
  }

  /**
   * Replaces the language's stored lexicon.
   * @param {string} language
   * @param {Record<string, string>} entries word -> respelling
   */
  putLexicon(language, entries) {
    return this.json(`/lexicons/${encodeURIComponent(language)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entries }),
    });
  }

  /** Opens the job's event stream; the caller reads `response.body`. */
  events(id, signal) {
    return this.raw(`/tts/events/${encodeURIComponent(id)}`, {
      headers: { Accept: 'text/event-stream' },
      signal,
      cache: 'no-store',
    });
  }
}

/** `attachment; filename="abc.wav"` -> `abc.wav` */
function fileNameFrom(disposition) {
  const match = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return match ? match[1] : null;
}
