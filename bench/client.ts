import http from 'node:http';
import { Pool } from 'undici';

/**
 * The load generator's HTTP client. Default `undici`: undici's connection pool and its
 * `request` (no WHATWG layer), one keep-alive connection per concurrent client. `http`:
 * node:http with a keep-alive agent. `fetch`: Node's built-in fetch. On a small machine the
 * client's CPU is taken from the server under test, so the leanest client is the default
 * (measured on 2026-11-25: bare route at 16 clients, 1,400 req/s with fetch, 3,500 with
 * node:http, in one process; on 2026-12-02, full runs: 26,000 req/s with node:http, 40,000–49,000
 * with undici, and the family list's p50 at 16 clients 0.5–1.8 ms lower).
 */
export type ClientKind = 'undici' | 'http' | 'fetch';

export interface Reply {
  status: number;
  body: string;
  setCookie: string[];
}

export interface RequestInit {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export type HttpClient = (url: string, init?: RequestInit) => Promise<Reply>;

export function httpClient(kind: ClientKind): HttpClient {
  if (kind === 'fetch') {
    return async (url, init = {}) => {
      const response = await fetch(url, init);
      return {
        status: response.status,
        body: await response.text(),
        setCookie: response.headers.getSetCookie(),
      };
    };
  }
  if (kind === 'undici') {
    const pools = new Map<string, Pool>();
    return async (url, init = {}) => {
      const { origin, pathname, search } = new URL(url);
      let pool = pools.get(origin);
      if (!pool) {
        pool = new Pool(origin, { connections: 256, pipelining: 1 });
        pools.set(origin, pool);
      }
      const response = await pool.request({
        path: pathname + search,
        method: init.method ?? 'GET',
        ...(init.headers ? { headers: init.headers } : {}),
        ...(init.body !== undefined ? { body: init.body } : {}),
      });
      const setCookie = response.headers['set-cookie'];
      return {
        status: response.statusCode,
        body: await response.body.text(),
        setCookie: setCookie === undefined ? [] : ([] as string[]).concat(setCookie),
      };
    };
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  return (url, init = {}) =>
    new Promise((resolve, reject) => {
      const headers = {
        ...init.headers,
        ...(init.body ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}),
      };
      const request = http.request(url, { method: init.method ?? 'GET', headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            setCookie: response.headers['set-cookie'] ?? [],
          }),
        );
      });
      request.on('error', reject);
      request.end(init.body);
    });
}
