// Referral share block (share.liquid): asks the app proxy for the logged-in customer's referral code,
// link and live offer, shows them, and wires the copy button, the share links and the device's share
// sheet; a customer who has not joined gets the offer and a "join" link instead. What the proxy sends
// is checked and written with textContent and attributes only. ES2017, no dependencies, never throws.
(() => {
  const CODE = /^[A-Za-z0-9_-]{3,32}$/;
  const PATH = /^\/(?!\/)[A-Za-z0-9_/-]*$/;
  const enc = encodeURIComponent;
  const text = (value, max) => (typeof value === 'string' && value.length <= max ? value : '');

  const isHttpsUrl = (value) => {
    try {
      return typeof value === 'string' && new URL(value).protocol === 'https:';
    } catch (_error) {
      return false;
    }
  };

  // `message` is the whole text with the link in it; X and Facebook take the link apart.
  const shareHrefs = (url, short, message, subject) => ({
    email: `mailto:?subject=${enc(subject)}&body=${enc(message)}`,
    sms: `sms:?&body=${enc(message)}`,
    whatsapp: `https://wa.me/?text=${enc(message)}`,
    x: `https://twitter.com/intent/tweet?text=${enc(short)}&url=${enc(url)}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${enc(url)}`,
  });

  const copy = (value, field, onDone) => {
    const fallback = () => {
      field.select();
      if (document.execCommand('copy')) onDone();
    };
    const clipboard = navigator.clipboard;
    if (clipboard && typeof clipboard.writeText === 'function') {
      clipboard.writeText(value).then(onDone, fallback);
    } else {
      fallback();
    }
  };

  const showOffer = (root, headline) => {
    const offer = root.querySelector('[data-referral-offer]');
    if (offer && headline) {
      offer.textContent = headline;
      offer.hidden = false;
    }
  };

  const render = (root, body, link) => {
    const subject = root.getAttribute('data-email-subject') || '';
    const short = text(link.text, 500);
    const message = text(link.message, 600) || link.url;
    const field = body.querySelector('[data-referral-link]');
    const copied = body.querySelector('[data-referral-copied]');
    body.querySelector('[data-referral-code]').textContent = link.code;
    field.value = link.url;
    const hrefs = shareHrefs(link.url, short, message, subject);
    for (const anchor of body.querySelectorAll('[data-share]')) {
      const href = hrefs[anchor.getAttribute('data-share')];
      if (href) anchor.setAttribute('href', href);
    }
    body.querySelector('[data-referral-copy]').addEventListener('click', () => {
      copy(link.url, field, () => {
        copied.hidden = false;
      });
    });
    const native = body.querySelector('[data-share-native]');
    if (native && typeof navigator.share === 'function') {
      native.hidden = false;
      native.addEventListener('click', () => {
        navigator.share({ text: short, url: link.url }).catch(() => {});
      });
    }
    showOffer(root, text(link.headline, 120));
    body.hidden = false;
  };

  const init = (root) => {
    const body = root.querySelector('[data-referral-body]');
    if (!body) return; // logged out: the block shows a log-in link
    const show = (selector) => {
      const element = root.querySelector(selector);
      if (element) element.hidden = false;
    };
    const configured = root.getAttribute('data-proxy-path') || '';
    const path = PATH.test(configured) ? configured.replace(/\/+$/, '') : '/apps/referrals';
    fetch(`${path}/link`, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => response.json().then((answer) => ({ ok: response.ok, answer })))
      .then(({ ok, answer }) => {
        const link = answer || {};
        if (ok && typeof link.code === 'string' && CODE.test(link.code) && isHttpsUrl(link.url)) {
          render(root, body, link);
        } else if (!ok && link.join && typeof link.join === 'object') {
          // Not an advocate yet: the proxy page is the one-step enrolment form.
          root.querySelector('[data-referral-join-link]').setAttribute('href', path || '/');
          showOffer(root, text(link.join.headline, 120));
          show('[data-referral-join]');
        } else {
          show('[data-referral-unavailable]');
        }
      })
      .catch(() => show('[data-referral-unavailable]'));
  };

  try {
    for (const root of document.querySelectorAll('[data-referral-share]')) init(root);
  } catch (_error) {
    // A theme without the block's markup: nothing to do.
  }
})();
