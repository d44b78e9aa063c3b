// Referral tracking, loaded on every storefront page by the app embed block (referral-embed.liquid).
// Keeps ?ref= (referral code), ?rv= (visitor id set by our /r/:code redirect) and ?rs= (the link's
// signature for that code) in first-party cookies, with a history of up to 5 distinct codes, each
// first and last seen (epoch seconds), so the engine can honour first- and last-touch. Copies them
// onto the cart as attributes, which reach the order as note_attributes:
//   _referral_code     the latest code        _referral_visitor  the visitor id
//   _referral_touches  CODE:first:last|…       _referral_sig      the latest code's signature ('' clears it)
// The cart is written only when the values differ from the last write in this browser session.
// ES2017, no dependencies; it never throws and never logs.
(() => {
  try {
    if (window.ReferralEmbed) return;
    window.ReferralEmbed = { version: '1.1.0' };

    // biome-ignore lint/complexity/useOptionalChain: the file stays ES2017, without ?.
    const data = (document.currentScript || {}).dataset || {};
    const days = Number(data.cookieDays);
    const maxAge = Math.round((days > 0 && days <= 365 ? days : 30) * 86400);
    const secure = location.protocol === 'https:' ? '; Secure' : '';
    const SYNCED = '_ref_synced';
    const CODE = /^[A-Za-z0-9_-]{3,32}$/;
    const SIG = /^[A-Za-z0-9_-]{16,64}$/;
    const MAX = 5;

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
    // Codes compare as the engine normalises them: case and dashes do not matter.
    const same = (a, b) => a.toUpperCase().replace(/-/g, '') === b.toUpperCase().replace(/-/g, '');

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
    const ref = params.get('ref');
    const fresh = ref && CODE.test(ref) ? ref : null;
    const code = pick('ref', '_ref_code', CODE);
    const visitor = pick('rv', '_ref_vid', /^[A-Za-z0-9-]{8,64}$/);

    // The history: valid, distinct entries seen within the cookie's life; a fresh code is added or
    // seen again. Past 5, the least recently seen goes, except the first (first-touch needs it).
    const now = Math.floor(Date.now() / 1000);
    const touches = [];
    for (const entry of (readCookie('_ref_touches') || '').split('|')) {
      const t = /^([A-Za-z0-9_-]{3,32}):(\d{1,10}):(\d{1,10})$/.exec(entry);
      if (t && +t[2] <= +t[3] && now - t[3] <= maxAge && touches.length < MAX) {
        if (!touches.some((o) => same(o[0], t[1]))) touches.push([t[1], +t[2], +t[3]]);
      }
    }
    if (fresh) {
      const seen = touches.filter((o) => same(o[0], fresh))[0];
      if (seen) seen[2] = Math.max(seen[2], now);
      else touches.push([fresh, now, now]);
      if (touches.length > MAX) {
        let drop = 1;
        for (let i = 2; i < touches.length; i += 1) if (touches[i][2] < touches[drop][2]) drop = i;
        touches.splice(drop, 1);
      }
      writeCookie('_ref_touches', touches.map((o) => o.join(':')).join('|'), maxAge);
    }
    const history = touches.map((o) => o.join(':')).join('|');

    // The signature belongs to one code (stored as CODE:SIG): a new code without its own rs drops it.
    const rs = params.get('rs');
    const stored = readCookie('_ref_sig');
    if (fresh && rs && SIG.test(rs)) writeCookie('_ref_sig', `${fresh}:${rs}`, maxAge);
    else if (fresh && stored && !same(stored.split(':')[0], fresh)) writeCookie('_ref_sig', '', -1);
    const pair = (readCookie('_ref_sig') || '').split(':');
    const sig = code && pair.length === 2 && same(pair[0], code) && SIG.test(pair[1]) ? pair[1] : '';

    if (!code && !visitor) return;
    const mark = `${code || ''}|${visitor || ''}|${history}|${sig}`;
    let last = null;
    try {
      last = sessionStorage.getItem(SYNCED);
    } catch (_error) {
      last = readCookie(SYNCED); // storage blocked: a session cookie remembers instead
    }
    if (last === mark) return;

    const attributes = {};
    if (code) {
      attributes[data.codeAttribute || '_referral_code'] = code;
      attributes[data.signatureAttribute || '_referral_sig'] = sig;
    }
    if (history) attributes[data.touchesAttribute || '_referral_touches'] = history;
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
