// The form that ends a chat: the worker must pick an outcome category
// (the outcomes the server configured) before the chat closes.
import { DICTIONARIES, bindText, currentLang, type MessageKey } from '../../i18n';
import { h, uid } from '../../lib/dom';
import type { StaffConversation } from './conversation';
import { showErrorIn } from './errors';
import type { StaffChatService } from './service';

export interface EndFormOptions {
  service: StaffChatService;
  conversation: StaffConversation;
  /** Where a failed end request is reported (the chat's alert region). */
  errorBox: HTMLElement;
  /** The chat ended: the form can go (focus stays where the chat view puts it). */
  onEnded: () => void;
  onCancel: () => void;
}

/** Builds the end form; `focus` is the field to move focus to once it is shown. */
export function endForm(options: EndFormOptions): { form: HTMLFormElement; focus: HTMLElement } {
  const { service, conversation, errorBox } = options;
  const formHeading = uid('end');
  const outcomeId = uid('outcome');
  const outcomeError = uid('outcome-error');
  const outcome = h(
    'select',
    { id: outcomeId, class: 'input', name: 'outcome', required: true },
    h('option', { value: '', t: 'work.outcomeChoose' }),
    ...service.outcomes.map((o) => outcomeOption(o)),
  );
  const invalid = h('p', { id: outcomeError, class: 'field__hint' });
  const submit = h('button', { type: 'submit', class: 'btn btn--danger', t: 'work.endSubmit' });
  const cancel = h('button', { type: 'button', class: 'btn btn--secondary', t: 'chat.cancel', on: { click: () => options.onCancel() } });
  const form = h(
    'form',
    { class: 'work-panel', 'aria-labelledby': formHeading, novalidate: true },
    h('h4', { id: formHeading, t: 'work.endHeading' }),
    h('div', { class: 'field' }, h('label', { for: outcomeId, t: 'work.outcome' }), outcome, invalid),
    h('div', { class: 'button-row' }, submit, cancel),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit.getAttribute('aria-disabled') === 'true') return;
    if (!outcome.value) {
      outcome.setAttribute('aria-invalid', 'true');
      outcome.setAttribute('aria-describedby', outcomeError);
      bindText(invalid, 'work.outcomeRequired');
      outcome.focus();
      return;
    }
    submit.setAttribute('aria-disabled', 'true');
    errorBox.replaceChildren();
    service.end(conversation, outcome.value).then(
      () => options.onEnded(),
      (error: unknown) => {
        submit.removeAttribute('aria-disabled');
        showErrorIn(errorBox, error);
      },
    );
  });
  return { form, focus: outcome };
}

/** An outcome category the server configured; one without a translation shows its id. */
function outcomeOption(id: string): HTMLElement {
  const key = `work.outcome.${id}`;
  return key in DICTIONARIES[currentLang()] ? h('option', { value: id, t: key as MessageKey }) : h('option', { value: id }, id);
}
