import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission } from '../src/auth/permissions.js';
import { ROLES, type Role } from '../src/storage/schema.js';
import { apiAs, buildAdminHub, collectRoutes, errorOf, openHub, sampleRequest, type CollectedRoute } from './admin-helpers.js';
import { bearer, buildTestHub, seedAccount, seedUser, signIn } from './helper.js';

/**
 * Who may call what, generated from the permission table (src/auth/permissions.ts) and the routes
 * the hub really registers: a new route or a new row in the table is covered without editing
 * this file. Requests are valid samples of each route's schema, so the answer shows the
 * authorisation decision and not a validation error.
 */

const isPermission = (access: unknown): access is Permission =>
  typeof access === 'string' && Object.hasOwn(PERMISSIONS, access);
const granted = (permission: Permission, role: Role) => (PERMISSIONS[permission] as readonly Role[]).includes(role);

// Collected before the tests are declared, so every route gets tests of its own, named after it.
const apiRoutes = (await collectRoutes()).filter((route) => route.url.startsWith('/api/v1/'));
const guarded = apiRoutes.filter((route) => route.access !== 'public');
const byPermission = apiRoutes.filter((route) => isPermission(route.access));
const signedInOnly = apiRoutes.filter((route) => route.access === 'signed-in');

const label = (route: CollectedRoute) => `${route.method} ${route.url}`;

async function call(hub: FastifyInstance, route: CollectedRoute, headers: Record<string, string> = {}) {
  const request = sampleRequest(route);
  return hub.inject({
    method: request.method as 'GET',
    url: request.url,
    headers,
    ...(request.payload !== undefined ? { payload: request.payload as object } : {}),
  });
}

/** The error code of an answer, if it has a body (HEAD and 204 answers have none). */
function codeOf(route: CollectedRoute, response: LightMyRequestResponse): string | undefined {
  return route.method === 'HEAD' || response.body === '' ? undefined : errorOf(response).code;
}

describe('the route table', () => {
  it('collects every API route, and each declares an access the permission table knows', () => {
    expect(apiRoutes.map(label)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/account',
        'GET /api/v1/users',
        'POST /api/v1/users',
        'GET /api/v1/users/:id',
        'PATCH /api/v1/users/:id',
        'DELETE /api/v1/users/:id',
        'POST /api/v1/users/:id/password-link',
        'PATCH /api/v1/auth/me',
      ]),
    );
    // A typo such as 'users.raed' would type-check as a string and then throw on every call.
    for (const route of apiRoutes) {
      expect(
        route.access === 'public' || route.access === 'signed-in' || isPermission(route.access),
        `${label(route)} declares access ${String(route.access)}`,
      ).toBe(true);
    }
  });

  it('keeps user administration behind the users permissions', () => {
    // The matrix below follows whatever access a route declares; this pins the declarations a
    // silent downgrade (say to 'signed-in') would otherwise turn into a pass.
    const accessOf = (l: string) => apiRoutes.find((route) => label(route) === l)?.access;
    expect({
      list: accessOf('GET /api/v1/users'),
      read: accessOf('GET /api/v1/users/:id'),
      create: accessOf('POST /api/v1/users'),
      change: accessOf('PATCH /api/v1/users/:id'),
      remove: accessOf('DELETE /api/v1/users/:id'),
      link: accessOf('POST /api/v1/users/:id/password-link'),
      account: accessOf('GET /api/v1/account'),
    }).toEqual({
      list: 'users.read',
      read: 'users.read',
      create: 'users.manage',
      change: 'users.manage',
      remove: 'users.manage',
      link: 'users.manage',
      account: 'account.read',
    });
    expect(PERMISSIONS['users.manage']).toEqual(['administrator']);
  });

  it('grants every permission to administrators, who must be able to do everything in their account', () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      expect(granted(permission, 'administrator'), permission).toBe(true);
    }
  });
});

describe('role matrix', () => {
  let hub: FastifyInstance;
  let close: () => Promise<void>;
  const tokens = {} as Record<Role, string>;
  const credentials = {} as Record<Role, { email: string; password: string }>;

  beforeAll(async () => {
    ({ hub, close } = await openHub());
    const { account, admin, password } = await seedAccount(hub, { seatCount: 20 });
    tokens.administrator = await signIn(hub, admin.email, password);
    credentials.administrator = { email: admin.email, password };
    for (const role of ROLES.filter((r) => r !== 'administrator')) {
      const seeded = await seedUser(hub, account.id, { role });
      tokens[role] = await signIn(hub, seeded.user.email, seeded.password);
      credentials[role] = { email: seeded.user.email, password: seeded.password };
    }
  });
  afterAll(async () => close());

  describe('without a valid session', () => {
    for (const route of guarded) {
      it(`${label(route)} answers 401 to a caller with no session or a forged one`, async () => {
        const anonymous = await call(hub, route);
        expect(anonymous.statusCode, anonymous.body).toBe(401);
        expect(codeOf(route, anonymous) ?? 'unauthenticated').toBe('unauthenticated');

        const forged = await call(hub, route, bearer('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'));
        expect(forged.statusCode, forged.body).toBe(401);
      });
    }
  });

  describe('routes guarded by a permission', () => {
    for (const route of byPermission) {
      const permission = route.access as Permission;
      for (const role of ROLES) {
        if (granted(permission, role)) {
          it(`${label(route)} (${permission}) lets ${role} through`, async () => {
            const response = await call(hub, route, bearer(tokens[role]));
            expect([401, 403], response.body).not.toContain(response.statusCode);
            // The sample passed validation, so the decision above is the one that counted.
            expect(codeOf(route, response) ?? 'ok', response.body).not.toBe('validation_failed');
          });
        } else {
          it(`${label(route)} (${permission}) refuses ${role} with 403 forbidden`, async () => {
            const response = await call(hub, route, bearer(tokens[role]));
            expect(response.statusCode, response.body).toBe(403);
            expect(codeOf(route, response) ?? 'forbidden').toBe('forbidden');
          });
        }
      }
    }
  });

  describe('routes open to every signed-in user', () => {
    for (const route of signedInOnly) {
      it(`${label(route)} lets every role through`, async () => {
        for (const role of ROLES) {
          // A session of its own: some of these routes (sign-out) end the session they are called with.
          const token = await signIn(hub, credentials[role].email, credentials[role].password);
          const response = await call(hub, route, bearer(token));
          expect([401, 403], `${role}: ${response.body}`).not.toContain(response.statusCode);
          expect(codeOf(route, response) ?? 'ok', response.body).not.toBe('validation_failed');
        }
      });
    }
  });
});

describe('nobody can raise their own role', () => {
  it('refuses an administrator who changes their own role with 403 cannot_change_own_role', async () => {
    const hub = await buildAdminHub();
    const { account, admin, password } = await seedAccount(hub);
    // A second administrator, so the refusal cannot be the last-administrator rule at work.
    await seedUser(hub, account.id, { role: 'administrator' });
    const api = apiAs(hub, await signIn(hub, admin.email, password));

    const response = await api.patch(`/api/v1/users/${admin.id}`, { role: 'supervisor' });
    expect(errorOf(response)).toMatchObject({ status: 403, code: 'cannot_change_own_role' });
    expect((await hub.users.get(account.id, admin.id))?.role).toBe('administrator');
  });

  for (const role of ROLES.filter((r) => r !== 'administrator')) {
    it(`refuses a ${role} who sends role: administrator to PATCH /auth/me (400), and changes nothing`, async () => {
      const hub = await buildAdminHub();
      const { account } = await seedAccount(hub);
      const { user, password } = await seedUser(hub, account.id, { role, firstName: 'Before' });
      const api = apiAs(hub, await signIn(hub, user.email, password));

      const alone = await api.patch('/api/v1/auth/me', { role: 'administrator' });
      expect(errorOf(alone)).toMatchObject({ status: 400, code: 'validation_failed' });
      // Mixed with an allowed change, the whole request is refused, not applied in part.
      const mixed = await api.patch('/api/v1/auth/me', { firstName: 'After', role: 'administrator' });
      expect(mixed.statusCode).toBe(400);

      const after = await hub.users.get(account.id, user.id);
      expect(after).toMatchObject({ role, firstName: 'Before' });
      const session = (await api.get('/api/v1/auth/session')).json<{ user: { role: string }; permissions: string[] }>();
      expect(session.user.role).toBe(role);
      expect(session.permissions.sort()).toEqual(
        (Object.keys(PERMISSIONS) as Permission[]).filter((p) => granted(p, role)).sort(),
      );
    });

    it(`refuses a ${role} who promotes themselves through PATCH /users/:id (403 forbidden)`, async () => {
      const hub = await buildAdminHub();
      const { account } = await seedAccount(hub);
      const { user, password } = await seedUser(hub, account.id, { role });
      const api = apiAs(hub, await signIn(hub, user.email, password));

      const response = await api.patch(`/api/v1/users/${user.id}`, { role: 'administrator' });
      expect(errorOf(response)).toMatchObject({ status: 403, code: 'forbidden' });
      expect((await hub.users.get(account.id, user.id))?.role).toBe(role);
    });
  }

  it('applies a role change at once: a demoted administrator loses the rights with their next request', async () => {
    const hub = await buildAdminHub();
    const { account, admin, password } = await seedAccount(hub);
    const other = await seedUser(hub, account.id, { role: 'administrator' });
    const otherApi = apiAs(hub, await signIn(hub, other.user.email, other.password));
    expect((await otherApi.get('/api/v1/users')).statusCode).toBe(200);

    const api = apiAs(hub, await signIn(hub, admin.email, password));
    expect((await api.patch(`/api/v1/users/${other.user.id}`, { role: 'agent' })).statusCode).toBe(200);
    expect(errorOf(await otherApi.get('/api/v1/users'))).toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('authorisation comes before validation', () => {
  it('answers 401 to a caller without a session and 403 to an agent, whatever the body', async () => {
    const hub = await buildTestHub();
    const { account } = await seedAccount(hub);
    const { user, password } = await seedUser(hub, account.id, { role: 'agent' });
    const agent = await signIn(hub, user.email, password);
    const junk = { method: 'POST' as const, url: '/api/v1/users', payload: { nonsense: true } };
    expect((await hub.inject(junk)).statusCode).toBe(401);
    const forbidden = await hub.inject({ ...junk, headers: bearer(agent) });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'forbidden' });
  });
});
