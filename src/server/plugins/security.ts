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
const headersWith = (styleSrc: string[]) =>
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

const securityHeaders = headersWith(["'self'"]);
/** Swagger UI, at /api/docs, sets inline styles; the API and the web app never do. */
const docsHeaders = headersWith(["'self'", "'unsafe-inline'"]);

export function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook('onRequest', (request, reply, done) => {
    // The API's answers carry personal data: no browser or proxy cache keeps a copy (a shared
    // computer's back button, a proxy's disk). The documentation may be cached.
    if (needsAccess(request.url)) reply.header('cache-control', 'no-store');
    const headers = isApiDocs(request.url) ? docsHeaders : securityHeaders;
    headers(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
