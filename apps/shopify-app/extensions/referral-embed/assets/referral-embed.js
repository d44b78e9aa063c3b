// Referral tracking, loaded on every storefront page by the app embed block (referral-embed.liquid).
// Keeps ?ref= (referral code) and ?rv= (visitor id set by our /r/:code redirect) in first-party
// cookies and copies them onto the cart as attributes, which reach the order as note_attributes.
// The cart is written only when the values differ from the last write in this browser session.
// ES2017, no dependencies; it never throws and never logs.
(() => {
  try {
    if (window.ReferralEmbed) return;
    window.ReferralEmbed = { version: '1.0.0' };

    // biome-ignore lint/complexity/useOptionalChain: the file stays ES2017, without ?.
    const data = (document.currentScript || {}).dataset || {};
    const days = Number(data.cookieDays);
    const maxAge = Math.round((days > 0 && days <= 365 ? days : 30) * 86400);
    const secure = location.protocol === 'https:' ? '; Secure' : '';
    const SYNCED = '_ref_synced';

    const readCookie = (name) => {
      for (const part of document.cookie.split(';')) {
        const eq = part.indexOf('=');
        if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
      }
      return null;
    };
    const writeCookie = (name, value, age) => {
      // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in older Safari.
      document.cookie = `${name}=${value}; Path=/; SameSite=Lax${age ? `; Max-Age=${age}` : ''}${secure}`;
    };

    // A fresh, valid URL value wins and restarts the cookie's life; else a valid stored one.
    const params = new URLSearchParams(location.search);
    const pick = (param, cookie, pattern) => {
      const fresh = params.get(param);
      if (fresh && pattern.test(fresh)) {
        writeCookie(cookie, fresh, maxAge);
        return fresh;
      }
      const kept = readCookie(cookie);
      return kept && pattern.test(kept) ? kept : null;
    };
    const code = pick('ref', '_ref_code', /^[A-Za-z0-9_-]{3,32}$/);
    const visitor = pick('rv', '_ref_vid', /^[A-Za-z0-9-]{8,64}$/);
    if (!code && !visitor) return;

    const mark = `${code || ''}|${visitor || ''}`;
    let last = null;
    try {
      last = sessionStorage.getItem(SYNCED);
    } catch (_error) {
      last = readCookie(SYNCED); // storage blocked: a session cookie remembers instead
    }
    if (last === mark) return;

    const attributes = {};
    if (code) attributes[data.codeAttribute || '_referral_code'] = code;
    if (visitor) attributes[data.visitorAttribute || '_referral_visitor'] = visitor;
    // biome-ignore lint/complexity/useOptionalChain: ES2017, as above.
    const root = ((window.Shopify || {}).routes || {}).root || '/';
    fetch(`${root}cart/update.js`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ attributes }),
    })
      .then((response) => {
        if (!response.ok) return; // not remembered, so the next page view tries again
        try {
          sessionStorage.setItem(SYNCED, mark);
        } catch (_error) {
          writeCookie(SYNCED, mark, 0);
        }
      })
      .catch(() => undefined);
  } catch (_error) {
    // Tracking must never break the storefront.
  }
})();
