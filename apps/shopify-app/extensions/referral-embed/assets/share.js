// Referral share block (share.liquid): asks the app proxy for the logged-in customer's referral code
// and link, shows them, and wires the copy button and the share links. What the proxy sends is
// checked and written with textContent and attributes only. ES2017, no dependencies, never throws.
(() => {
  const CODE = /^[A-Za-z0-9_-]{3,32}$/;
  const PATH = /^\/(?!\/)[A-Za-z0-9_/-]*$/;
  const enc = encodeURIComponent;

  const isHttpsUrl = (value) => {
    try {
      return typeof value === 'string' && new URL(value).protocol === 'https:';
    } catch (_error) {
      return false;
    }
  };

  const shareHrefs = (url, message, subject) => ({
    email: `mailto:?subject=${enc(subject)}&body=${enc(`${message} ${url}`)}`,
    whatsapp: `https://wa.me/?text=${enc(`${message} ${url}`)}`,
    x: `https://twitter.com/intent/tweet?text=${enc(message)}&url=${enc(url)}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${enc(url)}`,
  });

  const copy = (text, input, onDone) => {
    const fallback = () => {
      input.select();
      if (document.execCommand('copy')) onDone();
    };
    const clipboard = navigator.clipboard;
    if (clipboard && typeof clipboard.writeText === 'function') {
      clipboard.writeText(text).then(onDone, fallback);
    } else {
      fallback();
    }
  };

  const render = (root, body, link) => {
    const message = root.getAttribute('data-share-message') || '';
    const subject = root.getAttribute('data-email-subject') || '';
    const input = body.querySelector('[data-referral-link]');
    const copied = body.querySelector('[data-referral-copied]');
    body.querySelector('[data-referral-code]').textContent = link.code;
    input.value = link.url;
    const hrefs = shareHrefs(link.url, message, subject);
    for (const anchor of body.querySelectorAll('[data-share]')) {
      const href = hrefs[anchor.getAttribute('data-share')];
      if (href) anchor.setAttribute('href', href);
    }
    body.querySelector('[data-referral-copy]').addEventListener('click', () => {
      copy(link.url, input, () => {
        copied.hidden = false;
      });
    });
    body.hidden = false;
  };

  const init = (root) => {
    const body = root.querySelector('[data-referral-body]');
    if (!body) return; // logged out: the block shows a log-in link
    const unavailable = () => {
      const note = root.querySelector('[data-referral-unavailable]');
      if (note) note.hidden = false;
    };
    const configured = root.getAttribute('data-proxy-path') || '';
    const path = PATH.test(configured) ? configured.replace(/\/+$/, '') : '/apps/referrals';
    fetch(`${path}/link`, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : null))
      .then((link) => {
        if (link && typeof link.code === 'string' && CODE.test(link.code) && isHttpsUrl(link.url)) {
          render(root, body, link);
        } else {
          unavailable();
        }
      })
      .catch(unavailable);
  };

  try {
    for (const root of document.querySelectorAll('[data-referral-share]')) init(root);
  } catch (_error) {
    // A theme without the block's markup: nothing to do.
  }
})();
