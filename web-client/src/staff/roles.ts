import { bindText } from '../i18n';
import { h } from '../lib/dom';
import { ROLES, type Role } from './api';

export function isKnownRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/** A role's name in the UI language (an unknown role is shown as sent). */
export function roleLabel(role: string): HTMLElement {
  const el = h('span', { class: 'role' });
  if (isKnownRole(role)) bindText(el, `role.${role}`);
  else el.textContent = role;
  return el;
}

/** Role names separated by commas. */
export function roleList(roles: readonly string[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  roles.forEach((role, index) => {
    if (index > 0) fragment.append(', ');
    fragment.append(roleLabel(role));
  });
  return fragment;
}

/** Roles that get the queue (worker) console. */
export const QUEUE_ROLES: readonly Role[] = ['worker', 'therapist', 'peer', 'supervisor'];

/** Roles that take chats from the queues (the server lets workers and therapists take). */
export const CHAT_ROLES: readonly Role[] = ['worker', 'therapist'];

/** Roles that join running chats visibly (supervisors and peer experts); workers and therapists take chats instead. */
export const JOIN_ROLES: readonly Role[] = ['supervisor', 'peer'];
