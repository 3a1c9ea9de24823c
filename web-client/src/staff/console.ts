// The staff console: one shell for every role; sections by role.
import { h, replaceChildren } from '../lib/dom';
import { adminSection } from './admin';
import { chatSection, type ChatSection } from './chat/panel';
import type { ConsoleContext } from './context';
import { queuesSection } from './queues';
import { requestsSection, type RequestsSection } from './requests-panel';
import { CHAT_ROLES, JOIN_ROLES, QUEUE_ROLES } from './roles';

/** The console on screen; `dispose` when it goes away, `forget` on sign-out. */
export interface ConsoleHandle {
  dispose(): void;
  forget(): void;
}

export function renderConsole(main: HTMLElement, context: ConsoleContext): ConsoleHandle {
  main.classList.add('container--wide');
  const me = context.me();
  const sections: HTMLElement[] = [];
  let chat: ChatSection | null = null;
  let requests: RequestsSection | null = null;
  let offRequests: (() => void) | null = null;
  if (me.roles.some((role) => (CHAT_ROLES as readonly string[]).includes(role))) {
    chat = chatSection(context);
    sections.push(chat.element);
    requests = requestsSection(context);
    const current = requests;
    offRequests = chat.onRequestsChanged(() => current.changed());
    sections.push(requests.element);
  } else if (me.roles.some((role) => (JOIN_ROLES as readonly string[]).includes(role))) {
    // Supervisors and peer experts: the open chats, joined visibly.
    chat = chatSection(context, 'joiner');
    sections.push(chat.element);
  }
  if (me.roles.some((role) => (QUEUE_ROLES as readonly string[]).includes(role))) {
    sections.push(queuesSection(context));
  }
  if (me.roles.includes('admin')) sections.push(adminSection(context));

  const heading = h('h1', { id: 'console-heading', t: 'console.heading' });
  let nav: HTMLElement | null = null;
  if (sections.length > 1) {
    nav = h(
      'nav',
      { class: 'console-nav', tAttrs: { 'aria-label': 'console.sectionsNav' } },
      h(
        'ul',
        null,
        ...sections.map((section) => {
          const sectionHeading = section.querySelector('h2');
          return h('li', null, h('a', { href: `#${section.id}`, t: sectionHeadingKey(sectionHeading) }));
        }),
      ),
    );
  }
  replaceChildren(
    main,
    heading,
    nav,
    sections.length === 0 ? h('p', { class: 'message message--info', t: 'console.noSections' }) : null,
    ...sections,
  );
  const stopRequests = (): void => {
    offRequests?.();
    requests?.dispose();
  };
  return {
    dispose: () => {
      stopRequests();
      chat?.dispose();
    },
    forget: () => {
      stopRequests();
      chat?.forget();
    },
  };
}

type SectionHeadingKey = 'queues.heading' | 'admin.heading' | 'work.heading' | 'req.heading';

function sectionHeadingKey(heading: Element | null): SectionHeadingKey {
  const key = heading?.getAttribute('data-i18n');
  return key === 'admin.heading' || key === 'work.heading' || key === 'req.heading' ? key : 'queues.heading';
}
