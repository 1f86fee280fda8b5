import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../src/security/passwords.js';
import { TEST_SCRYPT_LOG_N } from './helper.js';

describe('password hashing', () => {
  it('hashes with scrypt at the OWASP cost by default (N=2^17, r=8, p=1) and verifies', async () => {
    const stored = await hashPassword('correct horse battery staple');
    // The parameters travel with the hash, so raising the cost later keeps old hashes verifiable.
    expect(stored).toMatch(/^scrypt\$17\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash: the same password never gives the same hash twice', async () => {
    const a = await hashPassword('same password here', TEST_SCRYPT_LOG_N);
    const b = await hashPassword('same password here', TEST_SCRYPT_LOG_N);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password here', a)).toBe(true);
    expect(await verifyPassword('same password here', b)).toBe(true);
  });

  it('verifies a hash made at another cost with the cost stored in it', async () => {
    const stored = await hashPassword('an older, cheaper hash', 10);
    expect(stored.startsWith('scrypt$10$8$1$')).toBe(true);
    expect(await verifyPassword('an older, cheaper hash', stored)).toBe(true);
  });

  it('accepts the same unicode password however the keyboard composed it', async () => {
    // "é" typed as one code point (macOS, most keyboards) or as e + combining accent (some Linux input methods).
    const stored = await hashPassword('caf\u00e9 au lait, s’il vous plaît', TEST_SCRYPT_LOG_N);
    expect(await verifyPassword('cafe\u0301 au lait, s’il vous plaît', stored)).toBe(true);
    expect(await verifyPassword('cafe au lait, s’il vous plaît', stored)).toBe(false);
  });

  it('answers false, without throwing, for a stored value that is not a hash it knows', async () => {
    for (const stored of ['', 'plain text', 'bcrypt$10$abc', 'scrypt$17$8$1$', 'scrypt$$$$$']) {
      expect(await verifyPassword('anything', stored)).toBe(false);
    }
  });
});

describe('password rules for new passwords', () => {
  it('refuses fewer than 8 characters', () => {
    expect(passwordProblem('')).toMatch(/at least 8/);
    expect(passwordProblem('Xk7#pQ2')).toMatch(/at least 8/);
    expect(passwordProblem('Xk7#pQ2z')).toBeNull();
  });

  it('counts characters, not UTF-16 units: 7 emoji are too short, 8 are enough', () => {
    expect(passwordProblem('🔒'.repeat(7))).toMatch(/at least 8/);
    expect(passwordProblem('🔒🐙🌵🎻🚲🧭🪁🍋')).toBeNull();
  });

  it('refuses common passwords from breach lists, whatever their case', () => {
    for (const common of ['password123', 'PASSWORD123', 'iloveyou1', 'qwertyuiop', 'password1234']) {
      expect(passwordProblem(common), common).toMatch(/most common/);
    }
  });

  it('allows long passphrases of 64 characters and more, up to 128', () => {
    const passphrase = 'the quick brown fox jumps over the lazy dog while the cat sleeps on';
    expect(passphrase.length).toBeGreaterThan(64);
    expect(passwordProblem(passphrase)).toBeNull();
    expect(passwordProblem('x'.repeat(64))).toBeNull();
    expect(passwordProblem('z'.repeat(128))).toBeNull();
    expect(passwordProblem('z'.repeat(129))).toMatch(/at most 128/);
  });

  it('allows unicode letters, spaces and symbols: there are no composition rules', () => {
    expect(passwordProblem('пароль для входа')).toBeNull();
    expect(passwordProblem('我的密码很长很安全')).toBeNull();
    expect(passwordProblem('mot de passe été ✓')).toBeNull();
    expect(passwordProblem('alllowercaseletters')).toBeNull();
  });
});
