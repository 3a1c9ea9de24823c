// Encrypted requests on the citizen page (docs/requests.md): the form for a
// closed or full topic, the return code after sending, and reading the answer
// with the code. Nothing is stored in the browser: the code and the texts
// live in this page only.
import { bindText, currentLang, type MessageKey } from '../i18n';
import { focusElement, h, replaceChildren, uid } from '../lib/dom';
import { ApiError, NetworkError } from '../staff/api';
import {
  cleanText,
  deleteRequest,
  formatCode,
  leaveRequest,
  lookupFor,
  MAX_CONTACT,
  MAX_NAME,
  MAX_REQUEST_MESSAGE,
  normaliseCode,
  readWithCode,
  TooLargeError,
  UntrustedInboxKeyError,
  type TrustedInboxKey,
} from '../requests';
import type { PublicQueue } from './public-queues';

export interface RequestViewHost {
  /** Where the views are drawn (the chat root's body). */
  body: HTMLElement;
  /** Back to the topic choice. */
  back(): void;
}

function backButton(host: RequestViewHost): HTMLButtonElement {
  return h('button', { type: 'button', class: 'btn btn--secondary', t: 'req.back', on: { click: () => host.back() } });
}

function sendErrorKey(error: unknown): MessageKey {
  if (error instanceof TooLargeError) return 'req.form.error.tooLong';
  if (error instanceof UntrustedInboxKeyError) return 'req.form.error.untrusted';
  if (error instanceof NetworkError) return 'req.form.error.network';
  if (error instanceof ApiError && (error.status === 429 || error.code === 'rate_limited')) return 'req.form.error.rate_limited';
  return 'req.form.error.generic';
}

/** The request form for a topic that is closed or full. */
export function showRequestForm(host: RequestViewHost, queue: PublicQueue, inboxKey: TrustedInboxKey): void {
  const heading = h('h2', { id: uid('req-heading'), t: 'req.form.heading' });
  const errorBox = h('div', { class: 'message message--error', role: 'alert' });
  const ids = { message: uid('req-message'), messageHint: uid('req-message-hint'), name: uid('req-name'), contact: uid('req-contact'), contactHint: uid('req-contact-hint') };
  const message = h('textarea', {
    id: ids.message,
    class: 'input',
    name: 'message',
    rows: '6',
    required: true,
    'aria-required': 'true',
    maxlength: String(MAX_REQUEST_MESSAGE),
    'aria-describedby': ids.messageHint,
  });
  const name = h('input', { id: ids.name, class: 'input', type: 'text', name: 'name', maxlength: String(MAX_NAME), autocomplete: 'off', spellcheck: 'false' });
  const contact = h('input', {
    id: ids.contact,
    class: 'input',
    type: 'text',
    name: 'contact',
    maxlength: String(MAX_CONTACT),
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': ids.contactHint,
  });
  const submit = h('button', { type: 'submit', class: 'btn', t: 'req.form.send' });
  const form = h(
    'form',
    { class: 'request-form', novalidate: true, 'aria-labelledby': heading.id },
    h('div', { class: 'field' }, h('label', { for: ids.message, t: 'req.form.message' }), message, h('p', { id: ids.messageHint, class: 'field__hint', t: 'req.form.messageHint' })),
    h('div', { class: 'field' }, h('label', { for: ids.name, t: 'req.form.name' }), name),
    h('div', { class: 'field' }, h('label', { for: ids.contact, t: 'req.form.contact' }), contact, h('p', { id: ids.contactHint, class: 'field__hint', t: 'req.form.contactHint' })),
    h('div', { class: 'button-row' }, submit, backButton(host)),
  );
  replaceChildren(
    host.body,
    h(
      'section',
      { class: 'request card', 'aria-labelledby': heading.id },
      heading,
      h('p', { class: 'request__topic' }, h('span', { t: 'req.form.topic' }), ' ', h('span', { l10n: queue.name })),
      h('p', { class: 'e2ee-note', t: 'req.form.intro' }),
      errorBox,
      form,
    ),
  );
  focusElement(heading);

  let sending = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sending) return;
    const text = cleanText(message.value, MAX_REQUEST_MESSAGE, true);
    if (!text) {
      message.setAttribute('aria-invalid', 'true');
      replaceChildren(errorBox, h('p', { t: 'req.form.error.empty' }));
      message.focus();
      return;
    }
    message.removeAttribute('aria-invalid');
    errorBox.replaceChildren();
    sending = true;
    submit.setAttribute('aria-disabled', 'true');
    bindText(submit, 'req.form.sending');
    const draft = {
      queue: queue.id,
      lang: currentLang(),
      message: text,
      name: cleanText(name.value, MAX_NAME) || undefined,
      contact: cleanText(contact.value, MAX_CONTACT) || undefined,
    };
    leaveRequest(draft, inboxKey).then(
      (code) => {
        form.reset();
        showCode(host, code);
      },
      (error: unknown) => {
        console.warn('request: could not send', error instanceof ApiError ? error.code : (error as Error)?.name);
        sending = false;
        submit.removeAttribute('aria-disabled');
        bindText(submit, 'req.form.send');
        replaceChildren(errorBox, h('p', { t: sendErrorKey(error) }));
        if (error instanceof TooLargeError) message.focus();
      },
    );
  });
}

/** After sending: the return code, prominently, with a copy button. */
function showCode(host: RequestViewHost, code: string): void {
  const heading = h('h2', { id: uid('req-code-heading'), t: 'req.code.heading' });
  const shown = formatCode(code);
  const codeLabelId = uid('req-code-label');
  const copyStatus = h('p', { class: 'request__copy-status', role: 'status', 'aria-live': 'polite' });
  const copy = h('button', { type: 'button', class: 'btn btn--secondary', t: 'req.code.copy' });
  copy.addEventListener('click', () => {
    const done = (key: MessageKey): void => replaceChildren(copyStatus, h('span', { t: key }));
    if (!navigator.clipboard?.writeText) {
      done('req.code.copyFailed');
      return;
    }
    navigator.clipboard.writeText(shown).then(
      () => done('req.code.copied'),
      () => done('req.code.copyFailed'),
    );
  });
  replaceChildren(
    host.body,
    h(
      'section',
      { class: 'request request--code card', 'aria-labelledby': heading.id },
      heading,
      h('p', { id: codeLabelId, class: 'request__code-label', t: 'req.code.label' }),
      h('p', { class: 'request__code', 'aria-labelledby': codeLabelId, 'data-testid': 'return-code', translate: 'no' }, shown),
      h('div', { class: 'message message--info' }, h('p', { t: 'req.code.writeDown' }), h('p', { t: 'req.code.how' })),
      h('div', { class: 'button-row' }, copy, h('button', { type: 'button', class: 'btn', t: 'req.code.done', on: { click: () => host.back() } })),
      copyStatus,
    ),
  );
  focusElement(heading);
}

/** "Read an answer with my code". */
export function showReadAnswer(host: RequestViewHost): void {
  const heading = h('h2', { id: uid('req-read-heading'), t: 'req.read.heading' });
  const codeId = uid('req-code');
  const hintId = uid('req-code-hint');
  const input = h('input', {
    id: codeId,
    class: 'input request__code-input',
    type: 'text',
    name: 'code',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxlength: '40',
    'aria-describedby': hintId,
  });
  const submit = h('button', { type: 'submit', class: 'btn', t: 'req.read.submit' });
  const errorBox = h('div', { class: 'message message--error', role: 'alert' });
  const result = h('div', { class: 'request__result', role: 'status', 'aria-live': 'polite' });
  const answerArea = h('div', { class: 'request__answer-area' });
  const form = h(
    'form',
    { class: 'request-form', novalidate: true, 'aria-labelledby': heading.id },
    h('div', { class: 'field' }, h('label', { for: codeId, t: 'req.read.code' }), input, h('p', { id: hintId, class: 'field__hint', t: 'req.read.codeHint' })),
    h('div', { class: 'button-row' }, submit, backButton(host)),
  );
  replaceChildren(host.body, h('section', { class: 'request card', 'aria-labelledby': heading.id }, heading, form, errorBox, result, answerArea));
  focusElement(heading);

  let busy = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    errorBox.replaceChildren();
    result.replaceChildren();
    answerArea.replaceChildren();
    const code = normaliseCode(input.value);
    if (!code) {
      input.setAttribute('aria-invalid', 'true');
      replaceChildren(errorBox, h('p', { t: 'req.read.invalid' }));
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    busy = true;
    submit.setAttribute('aria-disabled', 'true');
    bindText(submit, 'req.read.loading');
    readWithCode(code)
      .then(
        (read) => {
          if (read.kind === 'none') replaceChildren(result, h('p', { t: 'req.read.none' }));
          else if (read.kind === 'open') replaceChildren(result, h('p', { t: 'req.read.notYet' }));
          else showAnswer(read.answer, read.answeredAt, code);
          if (read.kind === 'open') answerArea.append(deleteBox(code));
        },
        (error: unknown) => {
          const key: MessageKey = error instanceof ApiError || error instanceof NetworkError ? 'req.read.error' : 'req.read.undecryptable';
          replaceChildren(errorBox, h('p', { t: key }));
        },
      )
      .finally(() => {
        busy = false;
        submit.removeAttribute('aria-disabled');
        bindText(submit, 'req.read.submit');
      });
  });

  const showAnswer = (answer: { message: string; by: string }, answeredAt: number, code: string): void => {
    const answerHeading = h('h3', { id: uid('req-answer-heading'), t: 'req.read.answerHeading' });
    const when = answeredAt ? new Date(answeredAt).toLocaleString(currentLang()) : '';
    replaceChildren(
      answerArea,
      h(
        'article',
        { class: 'request__answer', 'aria-labelledby': answerHeading.id },
        answerHeading,
        h('p', { class: 'request__answer-meta' }, h('span', { t: 'req.read.answerBy', tArgs: { name: answer.by || '–' } }), when ? ` · ${when}` : ''),
        h('p', { class: 'request__answer-text', 'data-testid': 'request-answer' }, answer.message),
      ),
      deleteBox(code),
    );
    focusElement(answerHeading);
  };

  const deleteBox = (code: string): HTMLElement => {
    const hint = uid('req-delete-hint');
    const button = h('button', { type: 'button', class: 'btn btn--danger', t: 'req.read.delete', 'aria-describedby': hint });
    const box = h('div', { class: 'request__delete' }, button, h('p', { id: hint, class: 'field__hint', t: 'req.read.deleteHint' }));
    button.addEventListener('click', () => {
      if (button.getAttribute('aria-disabled') === 'true') return;
      button.setAttribute('aria-disabled', 'true');
      errorBox.replaceChildren();
      lookupFor(code)
        .then((lookup) => deleteRequest(lookup))
        .then(
          () => {
            input.value = '';
            answerArea.replaceChildren();
            replaceChildren(result, h('p', { class: 'message message--success', t: 'req.read.deleted' }));
            input.focus();
          },
          () => {
            button.removeAttribute('aria-disabled');
            replaceChildren(errorBox, h('p', { t: 'req.read.deleteFailed' }));
          },
        );
    });
    return box;
  };
}
