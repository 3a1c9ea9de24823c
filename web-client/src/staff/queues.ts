// "Queues" section for workers, therapists, peers and supervisors. Each queue
// item carries data-queue-id and an empty live slot for the waiting counts
// that arrive in a later issue.
import { h, replaceChildren } from '../lib/dom';
import type { Queue } from './api';
import type { ConsoleContext } from './context';
import { SessionEndedError } from './session';

export function queuesSection(context: ConsoleContext): HTMLElement {
  const status = h('div', { class: 'message message--info', role: 'status', 'aria-live': 'polite' });
  const errorBox = h('div', { class: 'message message--error', role: 'alert' });
  const list = h('ul', { class: 'queue-list', id: 'queue-list', 'aria-labelledby': 'queues-heading' });
  const section = h(
    'section',
    { class: 'console-section', id: 'queues', 'aria-labelledby': 'queues-heading', 'aria-busy': 'true' },
    h('h2', { id: 'queues-heading', t: 'queues.heading' }),
    status,
    errorBox,
    list,
  );

  const load = async (): Promise<void> => {
    section.setAttribute('aria-busy', 'true');
    errorBox.replaceChildren();
    replaceChildren(status, h('p', { t: 'queues.loading' }));
    try {
      const body = await context.authed<{ queues?: Queue[] }>('/api/queues');
      const queues = Array.isArray(body?.queues) ? body.queues : [];
      status.replaceChildren();
      replaceChildren(list, ...queues.map(queueItem));
      if (queues.length === 0) replaceChildren(status, h('p', { t: 'queues.empty' }));
    } catch (error) {
      if (error instanceof SessionEndedError) return;
      status.replaceChildren();
      replaceChildren(
        errorBox,
        h('p', { t: 'queues.error' }),
        h('button', { type: 'button', class: 'btn btn--secondary btn--small', t: 'queues.retry', on: { click: () => void load() } }),
      );
    } finally {
      section.removeAttribute('aria-busy');
    }
  };
  void load();
  return section;
}

function queueItem(queue: Queue): HTMLElement {
  return h(
    'li',
    { class: 'queue', 'data-queue-id': queue.id },
    h('h3', { class: 'queue__name', l10n: queue.name }),
    queue.description ? h('p', { class: 'queue__description', l10n: queue.description }) : null,
    h('p', { class: 'queue__live', 'data-queue-live': '', 'aria-live': 'polite', hidden: true }),
  );
}
