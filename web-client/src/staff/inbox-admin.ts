// "Request inbox" card of the admin section (docs/requests.md). Setting or
// changing the team's inbox key takes two admins: one proposes a new key here
// (the X25519 key pair is made in this browser, the private key wrapped with
// PBKDF2-SHA256 of the passphrase; only the public key and the wrapped key are
// sent), and a different admin approves it in their console. Only then does
// the organisation CA certify it and citizens' browsers seal requests to it.
// Both see the key's fingerprint, to compare by other means before approving.
import { bindText, currentLang, type MessageKey } from '../i18n';
import { focusElement, h, replaceChildren, uid } from '../lib/dom';
import { toBase64 } from '../chat/base64';
import {
  decideInboxKey,
  generateInboxKeyPair,
  getInboxKeyAdminState,
  keyFingerprint,
  MIN_PASSPHRASE_LENGTH,
  proposeInboxKey,
  wrapPrivateKey,
  type InboxKeyAdminState,
} from '../requests';
import { ApiError } from './api';
import type { ConsoleContext } from './context';
import { SessionEndedError } from './session';

/** Within this much of its end, the card asks for a new key (after it, citizens refuse the old one). */
export const EXPIRY_WARNING_MS = 30 * 24 * 60 * 60 * 1000;

/** Problems with a new passphrase, or null when it can be used. */
export function passphraseProblem(passphrase: string, again: string): MessageKey | null {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return 'req.admin.tooShort';
  if (passphrase !== again) return 'req.admin.mismatch';
  return null;
}

/** The message for a failed approve/reject. */
export function decisionErrorKey(error: unknown): MessageKey {
  if (error instanceof ApiError && (error.code === 'no_proposal' || error.status === 404)) return 'req.admin.gone';
  if (error instanceof ApiError && error.code === 'own_proposal') return 'req.admin.ownProposal';
  return 'req.admin.decideError';
}

/** The message for a failed proposal. */
export function proposalErrorKey(error: unknown): MessageKey {
  if (error instanceof ApiError && (error.code === 'proposal_pending' || error.status === 409)) return 'req.admin.pendingExists';
  return 'req.admin.error';
}

const when = (ms: number): string => new Date(ms).toLocaleString(currentLang());
const day = (ms: number): string => new Date(ms).toLocaleDateString(currentLang());

export function inboxAdminCard(context: ConsoleContext): HTMLElement {
  const headingId = uid('inbox-heading');
  const formHeadingId = uid('inbox-form-heading');
  const heading = h('h3', { id: headingId, t: 'req.admin.heading' });
  const state = h('div', { class: 'req-admin__state', 'data-testid': 'inbox-state' });
  const pendingBox = h('div', { class: 'req-admin__pending' });
  const ids = { pass: uid('inbox-pass'), hint: uid('inbox-pass-hint'), again: uid('inbox-pass-again'), warning: uid('inbox-warning') };
  const pass = h('input', {
    id: ids.pass,
    class: 'input',
    type: 'password',
    name: 'inbox-passphrase',
    autocomplete: 'new-password',
    minlength: MIN_PASSPHRASE_LENGTH,
    'aria-describedby': `${ids.hint} ${ids.warning}`,
    required: true,
  });
  const again = h('input', {
    id: ids.again,
    class: 'input',
    type: 'password',
    name: 'inbox-passphrase-again',
    autocomplete: 'new-password',
    required: true,
  });
  const errorBox = h('div', { class: 'message message--error', role: 'alert' });
  const done = h('div', { class: 'message message--success', role: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn', t: 'req.admin.submit' });
  const form = h(
    'form',
    { class: 'req-admin__form', id: 'inbox-key-form', novalidate: true, 'aria-labelledby': formHeadingId },
    h('h4', { id: formHeadingId, t: 'req.admin.formHeading' }),
    h('div', { class: 'message message--info', id: ids.warning }, h('p', { t: 'req.admin.warning' })),
    h('div', { class: 'field' }, h('label', { for: ids.pass, t: 'req.admin.passphrase' }), pass, h('p', { id: ids.hint, class: 'field__hint', t: 'req.admin.passphraseHint' })),
    h('div', { class: 'field' }, h('label', { for: ids.again, t: 'req.admin.passphraseAgain' }), again),
    submit,
  );
  form.hidden = true;
  const card = h(
    'section',
    { class: 'card req-admin', 'aria-labelledby': headingId },
    heading,
    h('p', { t: 'req.admin.intro' }),
    state,
    errorBox,
    done,
    pendingBox,
    form,
  );

  const showDone = (key: MessageKey): void => replaceChildren(done, h('p', { t: key }));
  const showError = (key: MessageKey): void => replaceChildren(errorBox, h('p', { t: key }));

  const fingerprint = (publicKey: string): HTMLElement => {
    const value = h('dd', { class: 'req-admin__fingerprint', 'data-testid': 'inbox-fingerprint', translate: 'no' });
    void keyFingerprint(publicKey).then(
      (text) => value.replaceChildren(text),
      () => value.replaceChildren('–'),
    );
    return h('dl', { class: 'req-admin__key' }, h('dt', { t: 'req.admin.fingerprint' }), value);
  };

  const decide = (keyId: string, decision: 'approve' | 'reject', mine: boolean, buttons: HTMLButtonElement[]): void => {
    if (buttons.some((b) => b.getAttribute('aria-disabled') === 'true')) return;
    buttons.forEach((b) => b.setAttribute('aria-disabled', 'true'));
    errorBox.replaceChildren();
    done.replaceChildren();
    decideInboxKey(context.authed, keyId, decision).then(
      () => {
        showDone(decision === 'approve' ? 'req.admin.approved' : mine ? 'req.admin.withdrawn' : 'req.admin.rejected');
        void refresh().then(() => focusElement(heading));
      },
      (error: unknown) => {
        if (error instanceof SessionEndedError) return;
        buttons.forEach((b) => b.removeAttribute('aria-disabled'));
        showError(decisionErrorKey(error));
        if (decisionErrorKey(error) === 'req.admin.gone') void refresh();
      },
    );
  };

  const renderPending = (pending: InboxKeyAdminState['pending']): void => {
    if (!pending) {
      pendingBox.replaceChildren();
      return;
    }
    const mine = pending.proposedBy.id === context.me().id;
    const pendingHeading = uid('inbox-pending-heading');
    const buttons: HTMLButtonElement[] = [];
    if (mine) {
      buttons.push(h('button', { type: 'button', class: 'btn btn--secondary', t: 'req.admin.withdraw' }));
      buttons[0]!.addEventListener('click', () => decide(pending.keyId, 'reject', true, buttons));
    } else {
      const approve = h('button', { type: 'button', class: 'btn', t: 'req.admin.approve' });
      const reject = h('button', { type: 'button', class: 'btn btn--secondary', t: 'req.admin.reject' });
      buttons.push(approve, reject);
      approve.addEventListener('click', () => decide(pending.keyId, 'approve', false, buttons));
      reject.addEventListener('click', () => decide(pending.keyId, 'reject', false, buttons));
    }
    replaceChildren(
      pendingBox,
      h(
        'div',
        { class: 'message message--info', role: 'group', 'aria-labelledby': pendingHeading },
        h('h4', { id: pendingHeading, t: 'req.admin.pending.heading' }),
        h('p', {
          t: mine ? 'req.admin.pending.mine' : 'req.admin.pending.other',
          tArgs: { name: pending.proposedBy.displayName || '–', time: when(pending.proposedAt) },
        }),
        fingerprint(pending.publicKey),
        h('div', { class: 'button-row' }, ...buttons),
      ),
    );
  };

  const render = (s: InboxKeyAdminState): void => {
    if (s.active) {
      const soon = s.active.notAfter - Date.now() < EXPIRY_WARNING_MS;
      replaceChildren(
        state,
        h('p', { t: 'req.admin.state.active', tArgs: { date: day(s.active.notAfter) } }),
        soon ? h('p', { class: 'message message--error', t: 'req.admin.state.expiresSoon', tArgs: { date: day(s.active.notAfter) } }) : null,
      );
    } else {
      replaceChildren(state, h('p', { t: 'req.admin.state.notSet' }));
    }
    renderPending(s.pending);
    // one proposal waits at a time: the form comes back once it is decided
    form.hidden = s.pending !== null;
  };

  const refresh = (): Promise<void> =>
    getInboxKeyAdminState(context.authed).then(render, (error: unknown) => {
      if (error instanceof SessionEndedError) return;
      replaceChildren(state, h('p', { t: 'req.admin.stateError' }));
    });
  void refresh();

  let busy = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    done.replaceChildren();
    pass.removeAttribute('aria-invalid');
    again.removeAttribute('aria-invalid');
    const problem = passphraseProblem(pass.value, again.value);
    if (problem) {
      const field = problem === 'req.admin.mismatch' ? again : pass;
      field.setAttribute('aria-invalid', 'true');
      showError(problem);
      field.focus();
      return;
    }
    errorBox.replaceChildren();
    busy = true;
    submit.setAttribute('aria-disabled', 'true');
    bindText(submit, 'req.admin.working');
    const passphrase = pass.value;
    void (async () => {
      const pair = generateInboxKeyPair();
      try {
        const wrapped = await wrapPrivateKey(pair.privateKey, passphrase);
        await proposeInboxKey(context.authed, toBase64(pair.publicKey), wrapped);
        form.reset();
        showDone('req.admin.done');
        await refresh();
        focusElement(heading);
      } catch (error) {
        if (error instanceof SessionEndedError) return;
        showError(proposalErrorKey(error));
        if (proposalErrorKey(error) === 'req.admin.pendingExists') void refresh();
      } finally {
        pair.privateKey.fill(0);
        busy = false;
        submit.removeAttribute('aria-disabled');
        bindText(submit, 'req.admin.submit');
      }
    })();
  });
  return card;
}
