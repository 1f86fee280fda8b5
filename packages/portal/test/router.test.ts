import { describe, expect, test } from 'vitest';
import { access, navigation } from '../src/app/route-access.js';
import { parseRoute, routePath } from '../src/state/router.js';
import { fieldError } from '../src/ui/field-error.js';
import { waitingTime } from '../src/ui/time.js';
import { DICTIONARIES } from '../src/i18n/index.js';
import { session } from './helpers.js';

describe('routes', () => {
  test('paths under /portal/ and back', () => {
    expect(parseRoute('/portal/')).toEqual({ name: 'home' });
    expect(parseRoute('/portal')).toEqual({ name: 'home' });
    expect(parseRoute('/portal/inbox')).toEqual({ name: 'inbox', conversationId: null });
    expect(parseRoute('/portal/inbox/c%201')).toEqual({ name: 'inbox', conversationId: 'c 1' });
    expect(parseRoute('/portal/set-password')).toEqual({ name: 'set-password' });
    expect(parseRoute('/portal/users/x')).toEqual({ name: 'not-found', path: '/portal/users/x' });
    expect(parseRoute('/elsewhere')).toEqual({ name: 'not-found', path: '/elsewhere' });
    expect(routePath({ name: 'inbox', conversationId: 'c 1' })).toBe('/portal/inbox/c%201');
    expect(routePath({ name: 'home' })).toBe('/portal/');
    expect(routePath({ name: 'users' })).toBe('/portal/users');
  });

  test('guards by session and permission', () => {
    expect(access({ name: 'users' }, null)).toEqual({ kind: 'redirect', path: '/portal/sign-in', rememberReturn: true });
    expect(access({ name: 'set-password' }, null)).toEqual({ kind: 'show', route: { name: 'set-password' } });
    expect(access({ name: 'sign-in' }, session('agent'))).toEqual({ kind: 'redirect', path: '/portal/' });
    expect(access({ name: 'home' }, session('agent'))).toEqual({ kind: 'redirect', path: '/portal/inbox' });
    expect(access({ name: 'home' }, session('analyst'))).toEqual({ kind: 'show', route: { name: 'home' } });
    expect(access({ name: 'users' }, session('agent'))).toEqual({ kind: 'forbidden' });
    expect(access({ name: 'users' }, session('supervisor'))).toEqual({ kind: 'forbidden' });
    expect(access({ name: 'inbox', conversationId: null }, session('analyst'))).toEqual({ kind: 'forbidden' });
    expect(access({ name: 'users' }, session('administrator')).kind).toBe('show');
  });

  test('navigation per role', () => {
    expect(navigation(session('administrator'))).toEqual(['inbox', 'users']);
    expect(navigation(session('supervisor'))).toEqual(['inbox']);
    expect(navigation(session('agent'))).toEqual(['inbox']);
    expect(navigation(session('analyst'))).toEqual(['home']);
  });
});

describe('small helpers', () => {
  test('fieldError finds the field a hub message names', () => {
    expect(fieldError('body.email: must match format "email"', ['firstName', 'email'])).toEqual({ field: 'email', text: 'must match format "email"' });
    expect(fieldError('mobile is not a phone number', ['phone', 'mobile'])).toEqual({ field: 'mobile', text: 'mobile is not a phone number' });
    expect(fieldError('birthDate: must be a date (YYYY-MM-DD)', ['birthDate'])?.text).toBe('must be a date (YYYY-MM-DD)');
    expect(fieldError('The request is not valid.', ['email'])).toBeNull();
    expect(fieldError('body.emailAddress: x', ['email'])).toBeNull();
  });

  test('waiting times', () => {
    const t = DICTIONARIES.en;
    const now = Date.parse('2025-03-01T12:00:00Z');
    expect(waitingTime(t, '2025-03-01T11:59:30Z', now)).toBe('30 s');
    expect(waitingTime(t, '2025-03-01T11:57:00Z', now)).toBe('3 min');
    expect(waitingTime(t, '2025-03-01T10:55:00Z', now)).toBe('1 h 05 min');
    expect(waitingTime(t, '2025-03-01T12:00:10Z', now)).toBe('0 s');
  });
});
