import { describe, expect, it } from 'vitest';
import { AppError } from '../src/errors/catalogue.js';
import { apiAs, buildAdminHub, errorOf, newUserBody, type UserView } from './admin-helpers.js';
import { seedAccount, seedUser, signIn } from './helper.js';

/**
 * Two rules that span the whole account: no more active users than the seats it pays for, and
 * always at least one active administrator, so nobody can lock the account out of its own settings.
 */

async function accountWithSeats(seatCount: number) {
  const hub = await buildAdminHub();
  const seeded = await seedAccount(hub, { seatCount });
  const api = apiAs(hub, await signIn(hub, seeded.admin.email, seeded.password));
  /** The account as its administrator sees it. */
  const accountView = async () => (await api.get('/api/v1/account')).json<{ seatCount: number; seatsUsed: number }>();
  return { hub, api, accountView, ...seeded };
}

describe('seat limit', () => {
  it('refuses to create an active user beyond the seats with 409 seat_limit_reached and a message that says why', async () => {
    const { hub, api, accountView, ...seeded } = await accountWithSeats(3);
    await seedUser(hub, seeded.account.id, { role: 'agent' });
    await seedUser(hub, seeded.account.id, { role: 'agent' });
    expect(await accountView()).toMatchObject({ seatCount: 3, seatsUsed: 3 });

    const refused = await api.post('/api/v1/users', newUserBody({ email: 'one-too-many@example.com' }));
    const error = errorOf(refused);
    expect(error).toMatchObject({ status: 409, code: 'seat_limit_reached' });
    expect(error.message).toMatch(/3 seats/);
    expect(error.message).toMatch(/deactivate a user or add seats/);
    expect(await hub.users.findForSignIn('one-too-many@example.com')).toEqual([]);
    expect(await accountView()).toMatchObject({ seatsUsed: 3 });
  });

  it('lets inactive users wait without a seat, and refuses to reactivate one while the seats are full', async () => {
    const { hub, api, accountView, ...seeded } = await accountWithSeats(2);
    const agent = await seedUser(hub, seeded.account.id, { role: 'agent' });

    const waiting = await api.post('/api/v1/users', newUserBody({ active: false }));
    expect(waiting.statusCode, waiting.body).toBe(201);
    const waitingUser = waiting.json<UserView>();
    expect(await accountView()).toMatchObject({ seatCount: 2, seatsUsed: 2 });

    const reactivate = await api.patch(`/api/v1/users/${waitingUser.id}`, { active: true });
    expect(errorOf(reactivate)).toMatchObject({ status: 409, code: 'seat_limit_reached' });
    expect((await api.get(`/api/v1/users/${waitingUser.id}`)).json()).toMatchObject({ active: false });

    // Freeing a seat makes room.
    expect((await api.patch(`/api/v1/users/${agent.user.id}`, { active: false })).statusCode).toBe(200);
    expect(await accountView()).toMatchObject({ seatsUsed: 1 });
    expect((await api.patch(`/api/v1/users/${waitingUser.id}`, { active: true })).json()).toMatchObject({ active: true });
    expect(await accountView()).toMatchObject({ seatsUsed: 2 });
    // Deleting frees a seat too.
    expect((await api.delete(`/api/v1/users/${agent.user.id}`)).statusCode).toBe(204);
    expect(await accountView()).toMatchObject({ seatsUsed: 2 });
    expect((await api.post('/api/v1/users', newUserBody())).statusCode).toBe(409);
  });

  it('holds under concurrent creation: never more active users than seats', async () => {
    const { hub, api, accountView, ...seeded } = await accountWithSeats(4);
    const responses = await Promise.all(Array.from({ length: 8 }, () => api.post('/api/v1/users', newUserBody())));
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(responses.filter((r) => r.statusCode === 409)).toHaveLength(5);
    expect(await hub.users.countActive(seeded.account.id)).toBe(4);
    expect(await accountView()).toMatchObject({ seatCount: 4, seatsUsed: 4 });
  });

  it('shows every role the account’s seat count and how many are used', async () => {
    const { hub, accountView, ...seeded } = await accountWithSeats(7);
    const analyst = await seedUser(hub, seeded.account.id, { role: 'analyst' });
    await hub.users.create(seeded.account.id, {
      firstName: 'Ina',
      lastName: 'Waiting',
      email: 'ina@example.com',
      role: 'agent',
      nativeLanguage: 'en',
      active: false,
    });
    const analystView = await apiAs(hub, await signIn(hub, analyst.user.email, analyst.password)).get('/api/v1/account');
    expect(analystView.json()).toMatchObject({ id: seeded.account.id, seatCount: 7, seatsUsed: 2 });
    expect(await accountView()).toMatchObject({ seatCount: 7, seatsUsed: 2 });
  });
});

describe('the last active administrator', () => {
  it('cannot be deleted or deactivated (409 last_administrator), nor demote themselves', async () => {
    const { hub, api, admin, ...seeded } = await accountWithSeats(5);

    expect(errorOf(await api.delete(`/api/v1/users/${admin.id}`))).toMatchObject({ status: 409, code: 'last_administrator' });
    expect(errorOf(await api.patch(`/api/v1/users/${admin.id}`, { active: false }))).toMatchObject({
      status: 409,
      code: 'last_administrator',
    });
    expect(errorOf(await api.patch(`/api/v1/users/${admin.id}`, { role: 'agent' })).status).toBe(403);
    expect(await hub.users.get(seeded.account.id, admin.id)).toMatchObject({ role: 'administrator', active: true });
  });

  it('cannot be demoted either: the rule holds below the API, where nothing else stands in the way', async () => {
    // Through the API only the administrator themselves could demote the last one, and that is
    // refused earlier (cannot_change_own_role); the storage rule is what protects other callers.
    const { hub, admin, ...seeded } = await accountWithSeats(5);
    await expect(hub.users.update(seeded.account.id, admin.id, { role: 'supervisor' })).rejects.toMatchObject({
      code: 'last_administrator',
    } satisfies Partial<AppError>);
    expect((await hub.users.get(seeded.account.id, admin.id))?.role).toBe('administrator');
  });

  it('does not count an inactive administrator as a remaining one', async () => {
    const { hub, api, admin, ...seeded } = await accountWithSeats(5);
    const other = await seedUser(hub, seeded.account.id, { role: 'administrator' });
    expect((await api.patch(`/api/v1/users/${other.user.id}`, { active: false })).statusCode).toBe(200);

    expect(errorOf(await api.delete(`/api/v1/users/${admin.id}`))).toMatchObject({ code: 'last_administrator' });
    expect(errorOf(await api.patch(`/api/v1/users/${admin.id}`, { active: false }))).toMatchObject({
      code: 'last_administrator',
    });
  });

  it('with two administrators, one can demote, deactivate or delete the other, but not the last one left', async () => {
    const { hub, api, admin, ...seeded } = await accountWithSeats(5);
    const second = await seedUser(hub, seeded.account.id, { role: 'administrator' });

    const demoted = await api.patch(`/api/v1/users/${second.user.id}`, { role: 'supervisor' });
    expect(demoted.statusCode, demoted.body).toBe(200);
    expect(demoted.json()).toMatchObject({ role: 'supervisor' });

    // Promoted again, then the second administrator removes the first.
    expect((await api.patch(`/api/v1/users/${second.user.id}`, { role: 'administrator' })).statusCode).toBe(200);
    const secondApi = apiAs(hub, await signIn(hub, second.user.email, second.password));
    expect((await secondApi.patch(`/api/v1/users/${admin.id}`, { active: false })).statusCode).toBe(200);
    expect((await secondApi.delete(`/api/v1/users/${admin.id}`)).statusCode).toBe(204);

    // Now the second one is the last.
    expect(errorOf(await secondApi.delete(`/api/v1/users/${second.user.id}`))).toMatchObject({
      status: 409,
      code: 'last_administrator',
    });
  });
});
