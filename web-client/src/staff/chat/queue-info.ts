// The queues (topics) as GET /api/queues names them, for labelling chats.
import { localized, type LocalizedText } from '../../i18n';

export interface QueueInfo {
  id: string;
  name: LocalizedText;
}

/** The queue's name in the current language; its id while the names are not loaded (or it is unknown). */
export function queueLabel(queues: readonly QueueInfo[], id: string): string {
  const queue = queues.find((q) => q.id === id);
  return queue ? localized(queue.name) : id;
}
