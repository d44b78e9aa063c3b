import { describe, expect, test } from 'vitest';
import { DomainError } from '../errors.js';
import { emailDomain, normalizeEmail } from './normalize-email.js';

describe('normalizeEmail', () => {
  test.each<[string, string | null]>([
    ['  Jane.Doe@Example.com ', 'jane.doe@example.com'],
    ['jane+news@example.com', 'jane@example.com'],
    ['jane+a+b@example.com', 'jane@example.com'],
    ['Jane.Doe+promo@gmail.com', 'janedoe@gmail.com'],
    ['j.a.n.e@googlemail.com', 'jane@gmail.com'],
    ['jane.doe@GoogleMail.com', 'janedoe@gmail.com'],
    ['jane.doe+x@outlook.com', 'jane.doe@outlook.com'],
    ['jane.doe+x@hotmail.com', 'jane.doe@hotmail.com'],
    ['jane+x@live.com', 'jane@live.com'],
    ['jane-shopping@yahoo.com', 'jane@yahoo.com'],
    ['jane.doe-x+y@yahoo.com', 'jane.doe@yahoo.com'],
    ['jane-doe@example.com', 'jane-doe@example.com'], // '-' is only an alias separator at Yahoo
    ['jane+tag@icloud.com', 'jane@icloud.com'],
    ['jane+tag@me.com', 'jane@me.com'],
    ['jane+tag@fastmail.com', 'jane@fastmail.com'],
    ['jane+tag@protonmail.com', 'jane@protonmail.com'],
    ['jane@sub.example.co.uk', 'jane@sub.example.co.uk'],
    ['jane@example.com.', 'jane@example.com'],
    ['jane@xn--bcher-kva.example', 'jane@xn--bcher-kva.example'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['', null],
    ['   ', null],
    ['jane', null],
    ['jane@', null],
    ['@example.com', null],
    ['jane@localhost', null],
    ['jane@@example.com', null],
    ['ja@ne@example.com', null],
    ['jane doe@example.com', null],
    ['.jane@example.com', null],
    ['jane..doe@example.com', null],
    ['jane@-example.com', null],
    ['jane@example.c', null],
    ['+tag@example.com', null],
    ['"jane"@example.com', null],
    ['jané@example.com', null],
    [`${'a'.repeat(65)}@example.com`, null],
  ])('%j -> %j', (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  test('is idempotent', () => {
    const once = normalizeEmail('J.Doe+x@GoogleMail.com');
    expect(once).not.toBeNull();
    expect(normalizeEmail(once ?? '')).toBe(once);
  });
});

describe('emailDomain', () => {
  test.each([
    ['jane@example.com', 'example.com'],
    ['janedoe@gmail.com', 'gmail.com'],
  ])('%s -> %s', (email, domain) => {
    expect(emailDomain(email)).toBe(domain);
  });

  test('throws without @', () => {
    expect(() => emailDomain('example.com')).toThrow(DomainError);
  });
});
