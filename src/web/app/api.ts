import type { z } from 'zod';
import { Problem } from '../../shared/common/common.contract';

/** A failed API call: the server's problem details (title and field messages already translated). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** True when the problem's type URI ends with the given suffix, e.g. `/break-glass-available`. */
  hasType(suffix: string): boolean {
    return this.problem.type.endsWith(suffix);
  }
}

/** A 409: someone saved a newer version meanwhile (or the change conflicts with what is stored). */
export const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;

/** Thrown when the network or the server fails without problem details. */
export class NetworkError extends Error {
  constructor(readonly status: number | null) {
    super(status === null ? 'network' : `http ${status}`);
    this.name = 'NetworkError';
  }
}

interface ClientState {
  csrfToken: string | null;
  locale: string;
}

const state: ClientState = { csrfToken: null, locale: 'da' };

/** The CSRF token of the current session (from GET /api/auth/me); sent on every non-GET request. */
export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

/** The session's CSRF token and language, for a request this client does not make (a file upload). */
export const uploadHeaders = (): Record<string, string> => ({
  'accept-language': state.locale,
  ...(state.csrfToken ? { 'x-csrf-token': state.csrfToken } : {}),
});

/** A failed answer's error, as the client throws it: the problem details, or a network error. */
export function failureOf(status: number, body: unknown): Error {
  const problem = Problem.safeParse(body);
  return problem.success ? new ApiError(problem.data) : new NetworkError(status);
}

/** The UI language, sent as Accept-Language so the server translates its messages. */
export function setApiLocale(locale: string): void {
  state.locale = locale;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request(method: Method, path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': state.locale,
  };
  if (method !== 'GET' && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new NetworkError(null);
  }

  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  const json: unknown = type.includes('json') ? await response.json().catch(() => undefined) : undefined;
  if (response.ok) return json;

  const problem = Problem.safeParse(json);
  if (problem.success) throw new ApiError(problem.data);
  throw new NetworkError(response.status);
}

function parse<S extends z.ZodType>(schema: S | undefined, data: unknown): z.infer<S> {
  return (schema ? schema.parse(data) : data) as z.infer<S>;
}

/** Typed JSON client for the Staircase API; responses are checked against the shared contracts. */
export const api = {
  async get<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
    return parse(schema, await request('GET', path));
  },
  async post<S extends z.ZodType>(path: string, body?: unknown, schema?: S): Promise<z.infer<S>> {
    return parse(schema, await request('POST', path, body));
  },
  async put<S extends z.ZodType>(path: string, body?: unknown, schema?: S): Promise<z.infer<S>> {
    return parse(schema, await request('PUT', path, body));
  },
  async patch<S extends z.ZodType>(path: string, body?: unknown, schema?: S): Promise<z.infer<S>> {
    return parse(schema, await request('PATCH', path, body));
  },
  async delete(path: string): Promise<void> {
    await request('DELETE', path);
  },
};

/** Builds a query string from defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * POSTs a request whose answer is a file (an export) and hands it to the browser as a
 * download. The file name comes from the server's Content-Disposition.
 */
export async function download(path: string, body: unknown): Promise<void> {
  const headers: Record<string, string> = {
    'accept-language': state.locale,
    'content-type': 'application/json',
  };
  if (state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
  } catch {
    throw new NetworkError(null);
  }
  if (!response.ok) {
    const problem = Problem.safeParse(await response.json().catch(() => undefined));
    throw problem.success ? new ApiError(problem.data) : new NetworkError(response.status);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
