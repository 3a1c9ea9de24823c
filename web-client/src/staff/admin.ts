// "Staff" section for administrators: list, create, edit roles and display
// name, disable and enable accounts.
import type { MessageKey } from '../i18n';
import type { MessageArgs } from '../i18n/lang';
import { h, replaceChildren, uid } from '../lib/dom';
import { ApiError, NetworkError, ROLES, type NewStaff, type Staff, type StaffPatch } from './api';
import type { ConsoleContext } from './context';
import { inboxAdminCard } from './inbox-admin';
import { roleLabel, roleList } from './roles';
import { SessionEndedError } from './session';

export const MIN_PASSWORD_LENGTH = 12;

type Message = [MessageKey, MessageArgs?];

/** The message shown for a failed admin request. */
export function adminErrorMessage(error: unknown, username?: string): Message {
  if (error instanceof NetworkError) return ['admin.error.network'];
  if (error instanceof ApiError) {
    if (error.code === 'username_taken' || (error.status === 409 && username)) {
      return ['admin.error.usernameTaken', { username: username ?? '' }];
    }
    if (error.status === 403) return ['admin.error.forbidden'];
    if (error.serverMessage) return ['admin.error.withMessage', { message: error.serverMessage }];
  }
  return ['admin.error.generic'];
}

export interface NewStaffInput {
  username: string;
  displayName: string;
  password: string;
  roles: string[];
}

export type NewStaffField = 'username' | 'displayName' | 'password' | 'roles';

/** Client-side checks before POST /api/admin/staff; the server has the last word. */
export function validateNewStaff(input: NewStaffInput): Array<[NewStaffField, MessageKey]> {
  const problems: Array<[NewStaffField, MessageKey]> = [];
  if (!input.username.trim()) problems.push(['username', 'admin.validation.username']);
  if (!input.displayName.trim()) problems.push(['displayName', 'admin.validation.displayName']);
  if (input.password.length < MIN_PASSWORD_LENGTH) problems.push(['password', 'admin.validation.password']);
  if (input.roles.length === 0) problems.push(['roles', 'admin.validation.roles']);
  return problems;
}

/** The PATCH body for an edit, or null when nothing changed. */
export function staffPatch(before: Staff, displayName: string, roles: readonly string[]): StaffPatch | null {
  const patch: StaffPatch = {};
  const name = displayName.trim();
  if (name && name !== before.displayName) patch.displayName = name;
  const sortedBefore = [...before.roles].sort();
  const sortedAfter = [...roles].sort();
  if (sortedBefore.length !== sortedAfter.length || sortedBefore.some((role, i) => role !== sortedAfter[i])) {
    patch.roles = [...roles];
  }
  return Object.keys(patch).length ? patch : null;
}

function messageParagraphs(...messages: Message[]): HTMLElement[] {
  return messages.map(([key, args]) => h('p', { t: key, tArgs: args }));
}

function roleCheckboxes(
  name: string,
  checked: readonly string[],
  locked: boolean,
): { fieldset: HTMLFieldSetElement; selected: () => string[]; first: () => HTMLInputElement | null } {
  const boxes: HTMLInputElement[] = [];
  const fieldset = h('fieldset', { class: 'choices' }, h('legend', { t: 'admin.field.roles' }));
  for (const role of ROLES) {
    const box = h('input', {
      type: 'checkbox',
      name,
      value: role,
      checked: checked.includes(role),
      disabled: locked,
    });
    boxes.push(box);
    fieldset.append(h('label', { class: 'check' }, box, roleLabel(role)));
  }
  if (locked) fieldset.append(h('p', { class: 'field__hint', t: 'admin.edit.ownAdminNote' }));
  return {
    fieldset,
    selected: () => boxes.filter((box) => box.checked).map((box) => box.value),
    first: () => boxes.find((box) => !box.disabled) ?? null,
  };
}

export function adminSection(context: ConsoleContext): HTMLElement {
  const confirmations = h('div', {
    class: 'message message--success',
    id: 'admin-status',
    role: 'status',
    'aria-live': 'polite',
    'aria-atomic': 'true',
  });
  const announce = (key: MessageKey, args?: MessageArgs): void => {
    replaceChildren(confirmations, h('p', { t: key, tArgs: args }));
  };

  const listStatus = h('div', { class: 'message message--info', role: 'status', 'aria-live': 'polite' });
  const listError = h('div', { class: 'message message--error', role: 'alert' });
  const list = h('ul', { class: 'staff-list', id: 'staff-list', 'aria-labelledby': 'staff-list-heading' });
  const rows = new Map<string, HTMLLIElement>();

  // ---- rows ----------------------------------------------------------------

  const renderRow = (staff: Staff): HTMLLIElement => {
    const me = context.me();
    const isMe = staff.id === me.id;
    const nameId = uid('staff-name');
    const panel = h('div', { class: 'staff-row__panel', hidden: true });
    const rowError = h('div', { class: 'message message--error', role: 'alert' });

    const editButton = h('button', {
      type: 'button',
      class: 'btn btn--secondary btn--small',
      'aria-expanded': 'false',
      'data-action': 'edit',
      t: 'admin.action.edit',
      tAttrs: { 'aria-label': ['admin.action.editFor', { name: staff.displayName }] },
    });
    const toggleButton = isMe
      ? null
      : h('button', {
          type: 'button',
          class: 'btn btn--secondary btn--small',
          'data-action': staff.disabled ? 'enable' : 'disable',
          t: staff.disabled ? 'admin.action.enable' : 'admin.action.disable',
          tAttrs: {
            'aria-label': [staff.disabled ? 'admin.action.enableFor' : 'admin.action.disableFor', { name: staff.displayName }],
          },
        });

    const row = h(
      'li',
      {
        class: `staff-row${staff.disabled ? ' staff-row--disabled' : ''}`,
        'data-staff-id': staff.id,
        'data-username': staff.username,
        'aria-labelledby': nameId,
      },
      h('h4', { class: 'staff-row__name', id: nameId }, staff.displayName, isMe ? ' ' : null, isMe ? h('span', { t: 'admin.you' }) : null),
      h(
        'dl',
        { class: 'staff-row__meta' },
        h('div', null, h('dt', { t: 'admin.list.username' }), h('dd', null, staff.username)),
        h(
          'div',
          null,
          h('dt', { t: 'admin.list.roles' }),
          h('dd', { 'data-field': 'roles' }, staff.roles.length ? roleList(staff.roles) : h('span', { t: 'admin.list.noRoles' })),
        ),
        h(
          'div',
          null,
          h('dt', { t: 'admin.list.status' }),
          h(
            'dd',
            null,
            h('span', {
              class: `badge ${staff.disabled ? 'badge--disabled' : 'badge--active'}`,
              'data-field': 'status',
              t: staff.disabled ? 'admin.status.disabled' : 'admin.status.active',
            }),
          ),
        ),
      ),
      rowError,
      h('div', { class: 'button-row' }, editButton, toggleButton),
      panel,
    );

    const closePanel = (focusTarget: HTMLElement | null): void => {
      panel.hidden = true;
      panel.replaceChildren();
      editButton.setAttribute('aria-expanded', 'false');
      focusTarget?.focus();
    };

    const patch = async (body: StaffPatch, done: Message, focusAction: string): Promise<void> => {
      rowError.replaceChildren();
      try {
        const updated = await context.authed<Staff>(`/api/admin/staff/${encodeURIComponent(staff.id)}`, {
          method: 'PATCH',
          body,
        });
        const fresh = renderRow(updated);
        row.replaceWith(fresh);
        rows.set(updated.id, fresh);
        const [key, args] = done;
        announce(key, { ...args, name: updated.displayName });
        (fresh.querySelector<HTMLElement>(`[data-action="${focusAction}"]`) ?? fresh.querySelector<HTMLElement>('h4'))?.focus();
      } catch (error) {
        if (error instanceof SessionEndedError) return;
        replaceChildren(rowError, ...messageParagraphs(adminErrorMessage(error)));
      }
    };

    editButton.addEventListener('click', () => {
      if (!panel.hidden && panel.dataset.mode === 'edit') {
        closePanel(editButton);
        return;
      }
      rowError.replaceChildren();
      const nameInputId = uid('edit-name');
      const nameInput = h('input', {
        class: 'input',
        id: nameInputId,
        type: 'text',
        value: staff.displayName,
        autocomplete: 'off',
      });
      // nobody changes their own roles (the server refuses it too): another admin does
      const roles = roleCheckboxes(`roles-${staff.id}`, staff.roles, isMe);
      const legendId = uid('edit-legend');
      const form = h(
        'form',
        {
          novalidate: true,
          'aria-labelledby': legendId,
          on: {
            submit: (event) => {
              event.preventDefault();
              const selected = isMe ? [...staff.roles] : roles.selected();
              const body = staffPatch(staff, nameInput.value, selected);
              if (!body) {
                announce('admin.updated.noChanges');
                closePanel(editButton);
                return;
              }
              void patch(body, ['admin.updated.saved'], 'edit');
            },
          },
        },
        h('h5', { id: legendId, class: 'visually-hidden', t: 'admin.edit.legend', tArgs: { name: staff.displayName } }),
        h('div', { class: 'field' }, h('label', { for: nameInputId, t: 'admin.field.displayName' }), nameInput),
        roles.fieldset,
        h(
          'div',
          { class: 'button-row' },
          h('button', { type: 'submit', class: 'btn btn--small', t: 'admin.action.save' }),
          h('button', {
            type: 'button',
            class: 'btn btn--secondary btn--small',
            t: 'admin.action.cancel',
            on: { click: () => closePanel(editButton) },
          }),
        ),
      );
      panel.dataset.mode = 'edit';
      replaceChildren(panel, form);
      panel.hidden = false;
      editButton.setAttribute('aria-expanded', 'true');
      nameInput.focus();
    });

    toggleButton?.addEventListener('click', () => {
      rowError.replaceChildren();
      if (staff.disabled) {
        void patch({ disabled: false }, ['admin.updated.enabled'], 'disable');
        return;
      }
      // Disabling locks someone out: ask first, in the page (no browser dialog).
      const questionId = uid('confirm');
      const confirmButton = h('button', {
        type: 'button',
        class: 'btn btn--danger btn--small',
        'aria-describedby': questionId,
        'data-action': 'confirm-disable',
        t: 'admin.confirm.disableYes',
        on: { click: () => void patch({ disabled: true }, ['admin.updated.disabled'], 'enable') },
      });
      panel.dataset.mode = 'confirm';
      replaceChildren(
        panel,
        h('p', { id: questionId, t: 'admin.confirm.disable', tArgs: { name: staff.displayName } }),
        h(
          'div',
          { class: 'button-row' },
          confirmButton,
          h('button', {
            type: 'button',
            class: 'btn btn--secondary btn--small',
            t: 'admin.action.cancel',
            on: { click: () => closePanel(toggleButton) },
          }),
        ),
      );
      panel.hidden = false;
      editButton.setAttribute('aria-expanded', 'false');
      confirmButton.focus();
    });

    return row;
  };

  // ---- list ----------------------------------------------------------------

  const loadList = async (): Promise<void> => {
    listError.replaceChildren();
    replaceChildren(listStatus, h('p', { t: 'admin.list.loading' }));
    try {
      const body = await context.authed<{ staff?: Staff[] }>('/api/admin/staff');
      const staff = Array.isArray(body?.staff) ? body.staff : [];
      rows.clear();
      replaceChildren(
        list,
        ...staff.map((member) => {
          const row = renderRow(member);
          rows.set(member.id, row);
          return row;
        }),
      );
      listStatus.replaceChildren();
      if (staff.length === 0) replaceChildren(listStatus, h('p', { t: 'admin.list.empty' }));
    } catch (error) {
      if (error instanceof SessionEndedError) return;
      listStatus.replaceChildren();
      replaceChildren(
        listError,
        h('p', { t: 'admin.list.error' }),
        h('button', {
          type: 'button',
          class: 'btn btn--secondary btn--small',
          t: 'admin.list.retry',
          on: { click: () => void loadList() },
        }),
      );
    }
  };

  // ---- create form -----------------------------------------------------------

  const ids = {
    username: uid('new-username'),
    usernameHint: uid('new-username-hint'),
    displayName: uid('new-display-name'),
    password: uid('new-password'),
    passwordHint: uid('new-password-hint'),
  };
  const username = h('input', {
    class: 'input',
    id: ids.username,
    name: 'username',
    type: 'text',
    autocomplete: 'off',
    autocapitalize: 'none',
    spellcheck: 'false',
    'aria-describedby': ids.usernameHint,
    required: true,
  });
  const displayName = h('input', {
    class: 'input',
    id: ids.displayName,
    name: 'displayName',
    type: 'text',
    autocomplete: 'off',
    required: true,
  });
  const password = h('input', {
    class: 'input',
    id: ids.password,
    name: 'password',
    type: 'password',
    autocomplete: 'new-password',
    minlength: MIN_PASSWORD_LENGTH,
    'aria-describedby': ids.passwordHint,
    required: true,
  });
  const roles = roleCheckboxes('new-roles', ['worker'], false);
  const createError = h('div', { class: 'message message--error', role: 'alert', 'aria-atomic': 'true' });
  const createButton = h('button', { type: 'submit', class: 'btn btn--block', t: 'admin.create.submit' });
  let creating = false;

  const fields: Record<NewStaffField, HTMLElement> = {
    username,
    displayName,
    password,
    roles: roles.fieldset,
  };

  const createForm = h(
    'form',
    {
      class: 'card',
      id: 'create-staff-form',
      novalidate: true,
      'aria-labelledby': 'create-staff-heading',
      on: {
        submit: async (event) => {
          event.preventDefault();
          if (creating) return;
          const input: NewStaffInput = {
            username: username.value.trim(),
            displayName: displayName.value.trim(),
            password: password.value,
            roles: roles.selected(),
          };
          for (const el of Object.values(fields)) el.removeAttribute('aria-invalid');
          const problems = validateNewStaff(input);
          if (problems.length) {
            for (const [field] of problems) fields[field].setAttribute('aria-invalid', 'true');
            replaceChildren(createError, ...messageParagraphs(...problems.map(([, key]): Message => [key])));
            const [firstField] = problems[0];
            (firstField === 'roles' ? roles.first() : (fields[firstField] as HTMLInputElement))?.focus();
            return;
          }
          createError.replaceChildren();
          creating = true;
          createButton.setAttribute('aria-disabled', 'true');
          try {
            const body: NewStaff = { ...input };
            const created = await context.authed<Staff>('/api/admin/staff', { method: 'POST', body });
            const row = renderRow(created);
            rows.get(created.id)?.remove();
            rows.set(created.id, row);
            list.append(row);
            listStatus.replaceChildren();
            announce('admin.create.success', { username: created.username });
            createForm.reset();
            for (const box of roles.fieldset.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
              box.checked = box.value === 'worker';
            }
          } catch (error) {
            if (error instanceof SessionEndedError) return;
            const message = adminErrorMessage(error, input.username);
            replaceChildren(createError, ...messageParagraphs(message));
            if (message[0] === 'admin.error.usernameTaken') {
              username.setAttribute('aria-invalid', 'true');
              username.focus();
            }
          } finally {
            creating = false;
            createButton.removeAttribute('aria-disabled');
          }
        },
      },
    },
    h('h3', { id: 'create-staff-heading', t: 'admin.create.heading' }),
    createError,
    h(
      'div',
      { class: 'field' },
      h('label', { for: ids.username, t: 'admin.field.username' }),
      username,
      h('p', { class: 'field__hint', id: ids.usernameHint, t: 'admin.field.usernameHint' }),
    ),
    h('div', { class: 'field' }, h('label', { for: ids.displayName, t: 'admin.field.displayName' }), displayName),
    h(
      'div',
      { class: 'field' },
      h('label', { for: ids.password, t: 'admin.field.password' }),
      password,
      h('p', { class: 'field__hint', id: ids.passwordHint, t: 'admin.field.passwordHint' }),
    ),
    roles.fieldset,
    createButton,
  );

  const section = h(
    'section',
    { class: 'console-section', id: 'staff-admin', 'aria-labelledby': 'admin-heading' },
    h('h2', { id: 'admin-heading', t: 'admin.heading' }),
    confirmations,
    createForm,
    h('h3', { id: 'staff-list-heading', t: 'admin.list.heading' }),
    listStatus,
    listError,
    list,
    inboxAdminCard(context),
  );
  void loadList();
  return section;
}
