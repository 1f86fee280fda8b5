/** What every hub error answer looks like, and what the portal shows errors from. */
export interface CodedError {
  code: string;
  message: string;
}

/** A refused or failed request to the hub's HTTP API. `status` is 0 when the hub could not be reached. */
export class ApiError extends Error implements CodedError {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface HttpOptions {
  /** Where the API lives on the portal's own origin. @default '/api/v1' */
  base?: string;
  /**
   * Called when a request answered 401 although it was made with a session: the session ended
   * (signed out elsewhere, deactivated, expired). Not called for requests that expect a 401.
   */
  onUnauthorized?: () => void;
}

export interface RequestOptions {
  /** A 401 is a normal answer here (sign-in, session probe): do not report the session as ended. */
  expectUnauthorized?: boolean;
}

function isCodedError(value: unknown): value is CodedError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CodedError).code === 'string' &&
    typeof (value as CodedError).message === 'string'
  );
}

/**
 * JSON over `fetch` to the hub, same origin: the session is the httpOnly cookie the hub set, so
 * nothing here stores or sends a token. Errors become `ApiError` with the hub's code and message.
 */
export class Http {
  readonly #base: string;
  readonly #onUnauthorized: (() => void) | undefined;

  constructor(options: HttpOptions = {}) {
    this.#base = options.base ?? '/api/v1';
    this.#onUnauthorized = options.onUnauthorized;
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, undefined, options);
  }

  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, body, options);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }

  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.#base + path, {
        method,
        credentials: 'same-origin',
        // The hub refuses an empty body announced as JSON, so the header goes only with a body.
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(0, 'network', 'The hub cannot be reached.');
    }
    if (response.status === 204) return undefined as T;
    const data: unknown = await response.json().catch(() => undefined);
    if (response.ok) return data as T;
    if (response.status === 401 && !options.expectUnauthorized) this.#onUnauthorized?.();
    if (isCodedError(data)) throw new ApiError(response.status, data.code, data.message);
    throw new ApiError(response.status, `http_${response.status}`, response.statusText || `HTTP ${response.status}`);
  }
}

/** `?a=1&b=x` from the defined values, in the given order. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
