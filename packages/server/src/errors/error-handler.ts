import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { AppError, ERRORS, type ErrorCode } from './catalogue.js';

/** Fastify's own error codes that map onto catalogued client errors. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
};

/**
 * One answer shape for every error: `{code, message}`. Client errors (4xx) say what is wrong;
 * server errors are logged with their stack and answered with a generic message.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
      if (error instanceof AppError) {
        return reply.status(error.statusCode).send({ code: error.code, message: error.message });
      }
      if (error.validation) {
        const first = error.validation[0];
        const params = (first?.params ?? {}) as { additionalProperty?: string; missingProperty?: string };
        const path = [
          error.validationContext,
          ...(first?.instancePath ? first.instancePath.slice(1).split('/') : []),
          ...(params.missingProperty ? [params.missingProperty] : []),
        ].filter(Boolean);
        const message = params.additionalProperty
          ? `${[...path, params.additionalProperty].join('.')}: is not a known field`
          : `${path.join('.') || 'request'}: ${first?.message ?? 'is not valid'}`;
        return reply.status(400).send({ code: 'validation_failed', message });
      }
      const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
      if (mapped) {
        return reply.status(ERRORS[mapped].status).send({ code: mapped, message: ERRORS[mapped].message });
      }
      if (error.statusCode === 429) {
        return reply.status(429).send({ code: 'rate_limited', message: ERRORS.rate_limited.message });
      }
      // Prototype poisoning and other parser refusals arrive as plain 4xx errors.
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        return reply.status(error.statusCode).send({ code: 'bad_request', message: error.message });
      }
      request.log.error({ err: error }, 'unhandled error');
      return reply.status(500).send({ code: 'internal', message: ERRORS.internal.message });
    });

    app.setNotFoundHandler((request, reply) => {
      reply.status(404).send({ code: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}.` });
    });
  },
  { name: 'error-handler' },
);
