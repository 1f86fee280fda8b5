import type { Locator, Page } from 'playwright-core';
import type { RunningSmtpServer } from './smtp.js';

/** A JSON call to the hub's API with a staff token (`Authorization: Bearer`); throws on an error answer. */
export async function callApi<T>(hubUrl: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${hubUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Signs in through the API, as a script would; answers the HTTP status and the hub's error code if any. */
export async function apiSignIn(hubUrl: string, email: string, password: string): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${hubUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, mode: 'token' }),
  });
  const body = (await response.json()) as { code?: string };
  return { status: response.status, ...(body.code ? { code: body.code } : {}) };
}

export interface StaffUser {
  id: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

/**
 * Creates a staff user the way an administrator does (POST /users, which mails an invitation), then
 * uses the link from the invitation that arrived at `smtp` to choose the user's password.
 */
export async function createStaffUser(
  hubUrl: string,
  adminToken: string,
  smtp: RunningSmtpServer,
  fields: { firstName: string; lastName: string; email: string; role: 'agent' | 'supervisor' | 'administrator' | 'analyst'; password: string },
): Promise<StaffUser> {
  const { password, ...create } = fields;
  const user = await callApi<{ id: string }>(hubUrl, adminToken, 'POST', '/users', { ...create, nativeLanguage: 'en' });
  const invitation = await smtp.waitForMail(fields.email);
  if (!invitation.token) throw new Error(`the invitation to ${fields.email} has no set-password link:\n${invitation.raw}`);
  const response = await fetch(`${hubUrl}/api/v1/auth/set-password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: invitation.token, password }),
  });
  if (!response.ok) throw new Error(`set-password answered ${response.status}: ${await response.text()}`);
  return { id: user.id, email: fields.email, password, firstName: fields.firstName, lastName: fields.lastName };
}

/** The sign-in form's fields and button (the portal's accessible names, English). */
export function signInForm(page: Page): { email: Locator; password: Locator; submit: Locator; alert: Locator } {
  return {
    email: page.getByLabel('E-mail address'),
    password: page.getByLabel('Password', { exact: true }),
    submit: page.getByRole('button', { name: 'Sign in' }),
    alert: page.locator('sign-in-page').getByRole('alert'),
  };
}

/**
 * Opens the portal's sign-in page, signs in with the form and waits for the inbox (the start page
 * of everyone who works it).
 */
export async function signInToPortal(page: Page, hubUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${hubUrl}/portal/sign-in`);
  const form = signInForm(page);
  await form.email.fill(email);
  await form.password.fill(password);
  await form.submit.click();
  await page.waitForURL(/\/portal\/inbox$/);
  await page.getByRole('tab', { name: /Queue/ }).waitFor();
}

/**
 * Every element matching `selector` in the page, looking inside every open shadow root (the
 * portal's elements each have one), as outerHTML. For asserting that no `<img>` or `<script>`
 * came out of what a visitor typed.
 */
export async function elementsEverywhere(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll(sel)) found.push(el.outerHTML);
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    return found;
  }, selector);
}

/** The conversation's message log in the portal (`role=log` named "Messages"). */
export function messageLog(page: Page): Locator {
  return page.locator('conversation-view').getByRole('log', { name: 'Messages' });
}

/** The visitor panel beside the conversation (`<aside aria-label="Visitor">`). */
export function visitorPanel(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Visitor' });
}
