// "Request inbox" card of the admin section (docs/requests.md): sets the
// team's inbox passphrase. The X25519 key pair is made here, the private key
// wrapped with PBKDF2-SHA256 (600 000 iterations) of the passphrase, and only
// the public key and the wrapped key are sent (PUT /api/admin/inbox-key).
import { bindText, type MessageKey } from '../i18n';
import { h, replaceChildren, uid } from '../lib/dom';
import { toBase64 } from '../chat/base64';
import { generateInboxKeyPair, getInboxKey, MIN_PASSPHRASE_LENGTH, putInboxKey, wrapPrivateKey } from '../requests';
import type { ConsoleContext } from './context';
import { SessionEndedError } from './session';

/** Problems with a new passphrase, or null when it can be used. */
export function passphraseProblem(passphrase: string, again: string): MessageKey | null {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return 'req.admin.tooShort';
  if (passphrase !== again) return 'req.admin.mismatch';
  return null;
}

export function inboxAdminCard(context: ConsoleContext): HTMLElement {
  const headingId = uid('inbox-heading');
  const state = h('p', { class: 'req-admin__state', 'data-testid': 'inbox-state' });
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
    { class: 'card req-admin', id: 'inbox-key-form', novalidate: true, 'aria-labelledby': headingId },
    h('h3', { id: headingId, t: 'req.admin.heading' }),
    h('p', { t: 'req.admin.intro' }),
    state,
    h('div', { class: 'message message--info', id: ids.warning }, h('p', { t: 'req.admin.warning' })),
    errorBox,
    done,
    h('div', { class: 'field' }, h('label', { for: ids.pass, t: 'req.admin.passphrase' }), pass, h('p', { id: ids.hint, class: 'field__hint', t: 'req.admin.passphraseHint' })),
    h('div', { class: 'field' }, h('label', { for: ids.again, t: 'req.admin.passphraseAgain' }), again),
    submit,
  );

  const showState = (set: boolean): void => bindText(state, set ? 'req.admin.state.set' : 'req.admin.state.notSet');
  getInboxKey().then(
    (key) => showState(key !== null),
    () => state.replaceChildren(),
  );

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
      replaceChildren(errorBox, h('p', { t: problem }));
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
        await putInboxKey(context.authed, toBase64(pair.publicKey), wrapped);
        form.reset();
        showState(true);
        replaceChildren(done, h('p', { t: 'req.admin.done' }));
      } catch (error) {
        if (error instanceof SessionEndedError) return;
        replaceChildren(errorBox, h('p', { t: 'req.admin.error' }));
      } finally {
        pair.privateKey.fill(0);
        busy = false;
        submit.removeAttribute('aria-disabled');
        bindText(submit, 'req.admin.submit');
      }
    })();
  });
  return form;
}
