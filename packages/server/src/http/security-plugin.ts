import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';

/**
 * Security headers (a strict Content-Security-Policy: no inline script, no eval), cookies, and
 * rate limiting. Rate limits are per route (`config.rateLimit`), applied where guessing is a risk.
 */
export default fp(
  async (app) => {
    await app.register(cookie);
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'none'"],
          'form-action': ["'self'"],
          'upgrade-insecure-requests': app.config.publicUrl.startsWith('https://') ? [] : null,
        },
      },
      strictTransportSecurity: app.config.publicUrl.startsWith('https://'),
    });
    await app.register(rateLimit, { global: false });
  },
  { name: 'security', dependencies: ['config'] },
);
