// The form that hands a chat on, to a queue or to a colleague, with a
// handover summary the next person reads before they answer.
import { bindText, localized, t } from '../../i18n';
import { h, replaceChildren, uid } from '../../lib/dom';
import type { ConsoleContext } from '../context';
import type { StaffConversation } from './conversation';
import { showErrorIn } from './errors';
import type { QueueInfo } from './queue-info';
import type { StaffChatService } from './service';

const MAX_SUMMARY = 16000;

/** A staff member as GET /api/staff/directory lists them. */
interface Colleague {
  id: string;
  displayName: string;
  role: string;
  presence: string;
}

export interface TransferFormOptions {
  context: ConsoleContext;
  service: StaffChatService;
  conversation: StaffConversation;
  queues: readonly QueueInfo[];
  /** The signed-in staff member, left out of the colleagues (one cannot hand a chat to oneself). */
  myId: string;
  /** Where a failed transfer is reported (the chat's alert region). */
  errorBox: HTMLElement;
  /** The chat went to someone else: the form can go. */
  onTransferred: () => void;
  onCancel: () => void;
}

/** Builds the transfer form; `focus` is the field to move focus to once it is shown. */
export function transferForm(options: TransferFormOptions): { form: HTMLFormElement; focus: HTMLElement } {
  const { service, conversation, errorBox } = options;
  const formHeading = uid('transfer');
  const radioName = uid('target');
  const queueRadio = h('input', { type: 'radio', name: radioName, value: 'queue', id: `${radioName}-q`, checked: true });
  const staffRadio = h('input', { type: 'radio', name: radioName, value: 'staff', id: `${radioName}-s` });
  const queueSelectId = uid('queue');
  const queueSelect = h(
    'select',
    { id: queueSelectId, class: 'input', name: 'queue' },
    ...options.queues.map((q) => h('option', { value: q.id, selected: q.id === conversation.queue }, localized(q.name))),
  );
  const staffSelectId = uid('colleague');
  const staffSelect = h('select', { id: staffSelectId, class: 'input', name: 'colleague', disabled: true });
  const summaryId = uid('summary');
  const summaryHint = uid('summary-hint');
  const summary = h('textarea', { id: summaryId, class: 'input', rows: '4', maxlength: String(MAX_SUMMARY), 'aria-describedby': summaryHint });
  const submit = h('button', { type: 'submit', class: 'btn', t: 'work.transferSubmit' });
  const cancel = h('button', { type: 'button', class: 'btn btn--secondary', t: 'chat.cancel', on: { click: () => options.onCancel() } });
  const form = h(
    'form',
    { class: 'work-panel', 'aria-labelledby': formHeading },
    h('h4', { id: formHeading, t: 'work.transferHeading' }),
    h(
      'fieldset',
      null,
      h('legend', { t: 'work.transferTo' }),
      h('label', { class: 'check', for: queueRadio.id }, queueRadio, h('span', { t: 'work.transferQueue' })),
      h('label', { class: 'check', for: staffRadio.id }, staffRadio, h('span', { t: 'work.transferColleague' })),
    ),
    h('div', { class: 'field' }, h('label', { for: queueSelectId, t: 'work.queueSelect' }), queueSelect),
    h('div', { class: 'field' }, h('label', { for: staffSelectId, t: 'work.colleagueSelect' }), staffSelect),
    h(
      'div',
      { class: 'field' },
      h('label', { for: summaryId, t: 'work.summary' }),
      summary,
      h('p', { id: summaryHint, class: 'field__hint', t: 'work.summaryHint' }),
    ),
    h('div', { class: 'button-row' }, submit, cancel),
  );
  // Only the chosen target's list can be used.
  const syncTarget = (): void => {
    queueSelect.disabled = !queueRadio.checked;
    staffSelect.disabled = !staffRadio.checked;
  };
  queueRadio.addEventListener('change', syncTarget);
  staffRadio.addEventListener('change', syncTarget);
  void loadColleagues(options, staffSelect, staffRadio);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit.getAttribute('aria-disabled') === 'true') return;
    const target = staffRadio.checked ? { toStaff: staffSelect.value } : { toQueue: queueSelect.value };
    if (('toStaff' in target && !target.toStaff) || ('toQueue' in target && !target.toQueue)) return;
    submit.setAttribute('aria-disabled', 'true');
    bindText(submit, 'work.transferring');
    errorBox.replaceChildren();
    service.transfer(conversation, target, summary.value.trim().slice(0, MAX_SUMMARY)).then(
      () => options.onTransferred(),
      (error: unknown) => {
        submit.removeAttribute('aria-disabled');
        bindText(submit, 'work.transferSubmit');
        showErrorIn(errorBox, error);
      },
    );
  });
  return { form, focus: queueRadio };
}

/**
 * Fills the colleague list with who can take a chat (GET /api/staff/directory).
 * Without colleagues (or the list) the "to a colleague" choice is disabled.
 */
async function loadColleagues(options: TransferFormOptions, select: HTMLSelectElement, radio: HTMLInputElement): Promise<void> {
  try {
    const body = await options.context.authed<{ staff?: Colleague[] }>('/api/staff/directory');
    const colleagues = (Array.isArray(body?.staff) ? body.staff : []).filter((s) => s.id !== options.myId);
    if (colleagues.length === 0) {
      replaceChildren(select, h('option', { value: '', t: 'work.noColleagues' }));
      radio.disabled = true;
      return;
    }
    replaceChildren(
      select,
      ...colleagues.map((s) =>
        h('option', {
          value: s.id,
          t: 'work.colleagueOption',
          tArgs: { name: s.displayName, presence: t(s.presence === 'available' ? 'work.presence.available' : 'work.presence.unavailable') },
        }),
      ),
    );
  } catch {
    radio.disabled = true;
  }
}
