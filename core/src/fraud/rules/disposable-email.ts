import { createRequire } from 'node:module';
import { z } from 'zod';
import { defineFraudRule, ruleScoreSchema } from '../define-fraud-rule.js';

// The package ships plain JSON arrays; require keeps this working under NodeNext without import attributes.
const require = createRequire(import.meta.url);
const domainListSchema = z.array(z.string());
/** Domains whose addresses are throwaway. */
const disposableDomains = new Set(domainListSchema.parse(require('disposable-email-domains')));
/** Domains whose every subdomain is throwaway too. */
const disposableParents = new Set(domainListSchema.parse(require('disposable-email-domains/wildcard.json')));

/** Whether `domain` (lowercase) is a known disposable-mail domain, or `extra` lists it or a parent. */
export function isDisposableDomain(domain: string, extra: readonly string[] = []): boolean {
  if (disposableDomains.has(domain) || extra.includes(domain)) return true;
  const labels = domain.split('.');
  for (let i = 1; i < labels.length - 1; i += 1) {
    const parent = labels.slice(i).join('.');
    if (disposableParents.has(parent) || extra.includes(parent)) return true;
  }
  return false;
}

/** Suspicious: a throwaway inbox hides who the friend is. Reaches the review threshold on its own. */
export const disposableEmailRule = defineFraudRule({
  type: 'disposable_email',
  configSchema: z.object({
    score: ruleScoreSchema(50),
    /** Merchant-specific throwaway domains on top of the bundled list (lowercase). */
    extraDomains: z.array(z.string().toLowerCase()).default([]),
  }),
  evaluate: ({ friend }, { score, extraDomains }) =>
    friend.emailDomain !== null && isDisposableDomain(friend.emailDomain.toLowerCase(), extraDomains)
      ? {
          rule: 'disposable_email',
          score,
          reason: `Suspicious: the friend's email uses a disposable email provider (${friend.emailDomain})`,
        }
      : null,
});
