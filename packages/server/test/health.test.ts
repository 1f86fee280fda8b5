import { describe, expect, it } from 'vitest';
import { buildTestHub } from './helper.js';

describe('health and readiness', () => {
  it('answers /healthz and /readyz once migrations are applied', async () => {
    const hub = await buildTestHub();
    expect((await hub.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await hub.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('reports not ready when the database is gone', async () => {
    const hub = await buildTestHub();
    hub.storage.sqlite.close();
    const ready = await hub.inject('/readyz');
    expect(ready.statusCode).toBe(503);
  });

  it('serves the OpenAPI document with every API route in it', async () => {
    const hub = await buildTestHub();
    const response = await hub.inject('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/sign-in', '/api/v1/users', '/api/v1/users/{id}', '/api/v1/account']),
    );
    expect((await hub.inject('/api/docs/')).statusCode).toBe(200);
  });

  it('answers unknown routes and junk bodies with a coded error and no stack trace', async () => {
    const hub = await buildTestHub();
    const missing = await hub.inject('/api/v1/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found' });
    const junk = await hub.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(junk.statusCode).toBe(400);
    expect(junk.json()).toEqual({ code: 'bad_request', message: expect.any(String) });
    expect(junk.body).not.toMatch(/at .*\.(js|ts):\d+/);
    const poisoned = await hub.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":"a@b.c","password":"x","__proto__":{"admin":true}}',
    });
    expect(poisoned.statusCode).toBe(400);
  });
});
