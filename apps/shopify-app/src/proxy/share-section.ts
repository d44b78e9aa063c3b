// The advocate's link and the ways to share it, on the dashboard: the link in a read-only field that
// wraps instead of clipping (a phone shows all of it), a Copy button with a visible confirmation,
// one button per network with the message already written, and the device's share sheet where the
// browser has one. The script is literal template text (never data), so Liquid leaves it alone.
import { html, type SafeHtml } from './html.js';
import type { ShareNetwork, ShareView } from './share-offer.js';

const NETWORKS: [ShareNetwork, string][] = [
  ['whatsapp', 'WhatsApp'],
  ['sms', 'SMS'],
  ['email', 'Email'],
  ['x', 'X'],
  ['facebook', 'Facebook'],
];

/** Copy (clipboard API, else select + execCommand), fit the field to its text, show the share sheet. */
const SCRIPT = html`<script>
(function () {
  var root = document.querySelector('[data-referrals-share]');
  if (!root) return;
  var field = root.querySelector('[data-referrals-link]');
  var status = root.querySelector('[data-referrals-copied]');
  var fit = function () {
    var style = getComputedStyle(field);
    field.style.height = '0';
    field.style.height =
      field.scrollHeight + parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth) + 'px';
  };
  fit();
  window.addEventListener('resize', fit);
  var done = function () { status.hidden = false; };
  var fallback = function () {
    field.focus();
    field.select();
    try { if (document.execCommand('copy')) done(); } catch (e) {}
  };
  root.querySelector('[data-referrals-copy]').addEventListener('click', function () {
    var clipboard = navigator.clipboard;
    if (clipboard && clipboard.writeText) clipboard.writeText(field.value).then(done, fallback);
    else fallback();
  });
  var native = root.querySelector('[data-referrals-native]');
  if (native && typeof navigator.share === 'function') {
    native.hidden = false;
    native.querySelector('button').addEventListener('click', function () {
      navigator.share({ text: native.getAttribute('data-text'), url: field.value }).catch(function () {});
    });
  }
})();
</script>`;

const STYLE = html`<style>
  .referrals-proxy__row { display: flex; gap: 0.5rem; align-items: flex-start; }
  .referrals-proxy__link { flex: 1; min-width: 0; box-sizing: border-box; resize: none; overflow: hidden;
    font: inherit; font-family: monospace; padding: 0.5rem; overflow-wrap: anywhere; word-break: break-all; }
  .referrals-proxy__copied { font-weight: bold; }
  .referrals-proxy__notice { padding: 0.75rem 1rem; border-radius: 0.5rem; background: #e3f1df; color: #173404; }
  .referrals-proxy__networks { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; }
  .referrals-proxy__networks .button { display: inline-block; }
  .referrals-proxy__message { font-size: 0.9em; opacity: 0.8; overflow-wrap: anywhere; }
</style>`;

export const shareSection = (view: ShareView): SafeHtml =>
  html`${STYLE}<section class="referrals-proxy__share" data-referrals-share>
<h2 class="referrals-proxy__headline">${view.headline}</h2>
<label for="referrals-proxy-link">Your referral link</label>
<div class="referrals-proxy__row">
<textarea id="referrals-proxy-link" class="referrals-proxy__link" rows="2" readonly spellcheck="false" data-referrals-link>${view.link}</textarea>
<button type="button" class="button" data-referrals-copy>Copy</button>
</div>
<p class="referrals-proxy__copied" role="status" data-referrals-copied hidden>Copied. Paste it anywhere to share.</p>
<p>Your referral code: <strong class="referrals-proxy__code">${view.code}</strong></p>
<h3>Share it</h3>
<ul class="referrals-proxy__networks">${NETWORKS.map(
    ([network, label]) =>
      html`<li><a class="button" data-share="${network}" href="${view.links[network]}"${
        network === 'email' || network === 'sms' ? null : html` target="_blank" rel="noopener noreferrer"`
      }>${label}</a></li>`,
  )}<li data-referrals-native data-text="${view.message.text}" hidden><button type="button" class="button">More ways to share</button></li></ul>
<p class="referrals-proxy__message">The message: “${view.message.withLink}”</p>
</section>
${SCRIPT}`;
