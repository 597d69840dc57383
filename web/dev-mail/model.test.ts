import { describe, expect, it } from 'vitest';
import { type DevMail, framedHtml, linkify, newestFirst } from './model';

describe('linkify', () => {
  it('turns http(s) addresses into links and leaves the rest as text', () => {
    expect(linkify('Open https://p.test/portal/activate?token=a.b and go.\nThanks')).toEqual([
      { kind: 'text', text: 'Open ' },
      { kind: 'link', href: 'https://p.test/portal/activate?token=a.b' },
      { kind: 'text', text: ' and go.\nThanks' },
    ]);
  });

  it('leaves closing punctuation out of the link', () => {
    expect(linkify('(see http://x.test/a).')).toEqual([
      { kind: 'text', text: '(see ' },
      { kind: 'link', href: 'http://x.test/a' },
      { kind: 'text', text: ').' },
    ]);
  });

  it('never links other schemes', () => {
    expect(linkify('javascript:alert(1) mailto:a@b.test')).toEqual([
      { kind: 'text', text: 'javascript:alert(1) mailto:a@b.test' },
    ]);
    expect(linkify('')).toEqual([]);
  });
});

describe('framedHtml', () => {
  it('opens links in a new tab', () => {
    expect(framedHtml('<a href="x">x</a>')).toBe('<base target="_blank"><a href="x">x</a>');
  });
});

describe('newestFirst', () => {
  it('reverses the oldest-first list without changing it', () => {
    const mails = [{ id: '1' }, { id: '2' }] as DevMail[];
    expect(newestFirst(mails).map((m) => m.id)).toEqual(['2', '1']);
    expect(mails.map((m) => m.id)).toEqual(['1', '2']);
  });
});
