import { describe, expect, test } from 'vitest';
import { linkParts, safeHref } from '../src/link-parts.js';

const links = (text: string) => linkParts(text).filter((p) => p.kind === 'link');

describe('linkParts', () => {
  test('text without links is one text part', () => {
    expect(linkParts('hello there')).toEqual([{ kind: 'text', text: 'hello there' }]);
    expect(linkParts('')).toEqual([]);
  });

  test('splits http, https and mailto links out of the text', () => {
    expect(linkParts('See https://example.com/a?b=1#c or mail mailto:help@example.com, or http://x.org')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/a?b=1#c', href: 'https://example.com/a?b=1#c' },
      { kind: 'text', text: ' or mail ' },
      { kind: 'link', text: 'mailto:help@example.com', href: 'mailto:help@example.com' },
      { kind: 'text', text: ', or ' },
      { kind: 'link', text: 'http://x.org', href: 'http://x.org/' },
    ]);
  });

  test('never links other schemes', () => {
    for (const text of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'ftp://example.com/file',
      'file:///etc/passwd',
    ]) {
      expect(links(text), text).toEqual([]);
      expect(linkParts(text).map((p) => p.text).join('')).toBe(text);
    }
  });

  test('a javascript: prefix does not ride along with a real link', () => {
    const parts = linkParts('javascript:alert(1)//https://example.com');
    expect(links('javascript:alert(1)//https://example.com')).toEqual([
      { kind: 'link', text: 'https://example.com', href: 'https://example.com/' },
    ]);
    expect(parts[0]).toEqual({ kind: 'text', text: 'javascript:alert(1)//' });
  });

  test('sentence punctuation and brackets around a link stay text', () => {
    expect(links('Go to https://example.com/page.')).toEqual([{ kind: 'link', text: 'https://example.com/page', href: 'https://example.com/page' }]);
    expect(links('(see https://example.com/a)!')[0]?.text).toBe('https://example.com/a');
    expect(links('https://en.wikipedia.org/wiki/Lit_(software)')[0]?.text).toBe('https://en.wikipedia.org/wiki/Lit_(software)');
    expect(links('"https://example.com/q"')[0]?.text).toBe('https://example.com/q');
    expect(links('<https://example.com/q>')[0]?.text).toBe('https://example.com/q');
  });

  test('incomplete URLs stay text', () => {
    expect(links('http:// nothing')).toEqual([]);
    expect(links('mailto: nobody')).toEqual([]);
    expect(links('https://')).toEqual([]);
  });

  test('the parts always add up to the original text', () => {
    const text = 'a https://x.io/b, (mailto:me@x.io) javascript:void(0) http://y.io/(z). end';
    expect(linkParts(text).map((p) => p.text).join('')).toBe(text);
  });
});

describe('safeHref', () => {
  test('accepts only http, https and mailto', () => {
    expect(safeHref('https://example.com')).toBe('https://example.com/');
    expect(safeHref('HTTPS://EXAMPLE.com/A')).toBe('https://example.com/A');
    expect(safeHref('mailto:a@b.c')).toBe('mailto:a@b.c');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,hi')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });
});
