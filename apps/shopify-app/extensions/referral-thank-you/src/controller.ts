// One surface's life: load the summary, redraw on every change, and run the buyer's actions
// (tick consent, join, retry). `draw` is the only tie to the page (render.ts in the extension,
// a plain function in tests), so the whole flow runs against the real API in Node.
import { type ApiClient, enroll, isSummaryError, loadSummary } from './referral-summary.js';
import { type Action, type Surface, type ViewNode, type ViewState, view } from './views.js';

export type Draw = (node: ViewNode, act: (action: Action, checked?: boolean) => void) => void;

export type ReferralBlock = {
  /** Runs an action as a click would; resolves once the view has settled. */
  act(action: Action, checked?: boolean): Promise<void>;
  state(): ViewState;
};

export async function startReferralBlock(
  surface: Surface,
  client: ApiClient,
  draw: Draw,
): Promise<ReferralBlock> {
  let state: ViewState = { kind: 'loading' };
  const update = (next: ViewState) => {
    state = next;
    draw(view(surface, state), (action, checked) => void act(action, checked));
  };

  const load = async () => {
    update({ kind: 'loading' });
    const result = await loadSummary(client);
    update(
      isSummaryError(result)
        ? { kind: 'error', error: result }
        : { kind: 'ready', summary: result, consent: false, busy: false },
    );
  };

  async function act(action: Action, checked?: boolean): Promise<void> {
    if (action === 'retry') return load();
    if (state.kind !== 'ready' || state.summary.state !== 'not_enrolled' || state.busy) return;
    if (action === 'toggle-consent') return update({ ...state, consent: checked ?? !state.consent });
    // enroll: never without the buyer's tick, whatever the button's disabled state says.
    if (!state.consent) return;
    const before = state;
    update({ ...before, busy: true });
    const result = await enroll(client);
    update(
      isSummaryError(result)
        ? { ...before, busy: false, error: result }
        : { kind: 'ready', summary: result, consent: true, busy: false },
    );
  }

  await load();
  return { act, state: () => state };
}
