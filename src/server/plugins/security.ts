import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { isApiDocs, needsAccess } from './access';

/**
 * Strict CSP: only our own scripts and styles; no inline code; nothing embeds us.
 *
 * helmet itself rather than @fastify/helmet: the plugin rebuilds helmet's middleware — every
 * header, the CSP string included — on each request, to allow per-route options and nonces we
 * do not use. Built once here, it only sets the same headers (bench/README.md). The directives
 * appear in the header in this order; only the style sources differ between the two policies.
 */
export const headersWith = (styleSrc: string[]) =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc,
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    // The OIDC callback arrives from the identity provider's origin.
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * What a middleware does to every response, recorded once and then only replayed: the same
 * removeHeader and setHeader calls, in the same order, with the same values. helmet's own
 * middleware walks its chain of a dozen small middlewares on every request to set the same
 * twelve headers; replayed, they cost half as much (decision 0043). Our options have no
 * per-request part (no nonces), so there is nothing to replay but constants; a middleware that
 * does not finish at once, or fails, stops the server at start.
 */
export function replayed(middleware: Middleware): (res: ServerResponse) => void {
  const calls: ({ remove: string } | { set: string; value: string | number | readonly string[] })[] = [];
  let finished = false;
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      calls.push({ set: name, value });
      return recorder;
    },
    removeHeader: (name: string) => {
      calls.push({ remove: name });
    },
  };
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('security headers: the middleware did not finish at once');
  return (res) => {
    for (const call of calls) {
      if ('remove' in call) res.removeHeader(call.remove);
      else res.setHeader(call.set, call.value);
    }
  };
}

const securityHeaders = replayed(headersWith(["'self'"]));
/** Swagger UI, at /api/docs, sets inline styles; the API and the web app never do. */
const docsHeaders = replayed(headersWith(["'self'", "'unsafe-inline'"]));

export function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook('onRequest', (request, reply, done) => {
    // The API's answers carry personal data: no browser or proxy cache keeps a copy (a shared
    // computer's back button, a proxy's disk). The documentation may be cached.
    if (needsAccess(request.url)) reply.header('cache-control', 'no-store');
    const headers = isApiDocs(request.url) ? docsHeaders : securityHeaders;
    headers(reply.raw);
    done();
  });
}
