// The staff sign-in view.
import { bindText, type MessageKey } from '../i18n';
import { focusElement, h, replaceChildren, uid } from '../lib/dom';
import { ApiError, NetworkError } from './api';

export type SignInNotice = Extract<MessageKey, 'signin.sessionExpired' | 'signin.accountDisabled' | 'signin.signedOut'>;

export interface SignInOptions {
  notice?: SignInNotice;
  focus: boolean;
  /** Signs in; rejects with ApiError / NetworkError on failure. */
  submit(username: string, password: string): Promise<void>;
}

/** The message for a failed sign-in, with its arguments. */
export function signInErrorMessage(error: unknown): [MessageKey, Record<string, number>?] {
  if (error instanceof NetworkError) return ['signin.error.network'];
  if (error instanceof ApiError) {
    if (error.status === 401 || error.status === 403) return ['signin.error.invalid'];
    if (error.status === 429) {
      const seconds = error.retryAfterSeconds;
      if (seconds == null || seconds <= 0) return ['signin.error.rateLimited'];
      if (seconds <= 90) return ['signin.error.rateLimitedSeconds', { seconds }];
      return ['signin.error.rateLimitedMinutes', { minutes: Math.ceil(seconds / 60) }];
    }
    // too many sign-ins at once on the server: not this person's doing
    if (error.status === 503 && error.code === 'busy') return ['signin.error.busy'];
  }
  return ['signin.error.server'];
}

export function renderSignIn(main: HTMLElement, options: SignInOptions): void {
  main.classList.remove('container--wide');
  const usernameId = uid('signin-username');
  const passwordId = uid('signin-password');

  const heading = h('h1', { id: 'signin-heading', t: 'signin.heading' });
  const notice = h('div', { class: 'message message--info', role: 'status', 'aria-live': 'polite' });
  const errorBox = h('div', {
    class: 'message message--error',
    id: 'signin-error',
    role: 'alert',
    'aria-live': 'assertive',
    'aria-atomic': 'true',
  });
  const username = h('input', {
    class: 'input',
    id: usernameId,
    name: 'username',
    type: 'text',
    autocomplete: 'username',
    autocapitalize: 'none',
    spellcheck: 'false',
    required: true,
  });
  const password = h('input', {
    class: 'input',
    id: passwordId,
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const submit = h('button', { type: 'submit', class: 'btn btn--block', t: 'signin.submit' });

  let busy = false;
  const showError = (key: MessageKey | null, args?: Record<string, number>): void => {
    if (key) replaceChildren(errorBox, h('p', { t: key, tArgs: args }));
    else errorBox.replaceChildren();
  };

  const form = h(
    'form',
    {
      class: 'card',
      novalidate: true,
      'aria-labelledby': 'signin-heading',
      on: {
        submit: async (event) => {
          event.preventDefault();
          if (busy) return;
          notice.replaceChildren();
          const user = username.value.trim();
          const pass = password.value;
          username.removeAttribute('aria-invalid');
          password.removeAttribute('aria-invalid');
          if (!user || !pass) {
            const missing = !user ? username : password;
            missing.setAttribute('aria-invalid', 'true');
            showError('signin.error.required');
            missing.focus();
            return;
          }
          showError(null);
          busy = true;
          submit.setAttribute('aria-disabled', 'true');
          bindText(submit, 'signin.submitting');
          try {
            await options.submit(user, pass);
          } catch (error) {
            const [key, args] = signInErrorMessage(error);
            showError(key, args);
            if (key === 'signin.error.invalid') {
              password.value = '';
              password.setAttribute('aria-invalid', 'true');
              password.focus();
            }
          } finally {
            busy = false;
            submit.removeAttribute('aria-disabled');
            bindText(submit, 'signin.submit');
          }
        },
      },
    },
    errorBox,
    h('div', { class: 'field' }, h('label', { for: usernameId, t: 'signin.username' }), username),
    h('div', { class: 'field' }, h('label', { for: passwordId, t: 'signin.password' }), password),
    submit,
  );

  replaceChildren(main, h('div', { class: 'signin' }, heading, notice, form));
  if (options.notice) {
    // Filled after insertion so the live region announces it.
    const key = options.notice;
    setTimeout(() => replaceChildren(notice, h('p', { t: key })), 50);
  }
  if (options.focus) focusElement(heading);
}
