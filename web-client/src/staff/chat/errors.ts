// The console's wording for a failed chat request (error frames, docs/protocol.md).
import { type MessageKey } from '../../i18n';
import { h, replaceChildren } from '../../lib/dom';
import { FrameError } from '../../chat/connection';

/** The message key (and its arguments) for a failed request; anything but an error frame means offline. */
export function errorKey(error: unknown): [MessageKey, Record<string, string>] {
  if (error instanceof FrameError) {
    switch (error.code) {
      case 'nothing_waiting':
        return ['work.error.nothing_waiting', {}];
      case 'limit_reached':
        return ['work.error.limit_reached', {}];
      case 'already_taken':
        return ['work.error.already_taken', {}];
      case 'no_key_packages':
        return ['work.error.no_key_packages', {}];
      case 'colleague_offline':
        return ['work.error.colleague_offline', {}];
      case 'unknown_conversation':
        return ['join.error.unknown_conversation', {}];
      default:
        return ['work.error.generic', { code: error.code }];
    }
  }
  return ['work.error.offline', {}];
}

/** Puts the message for `error` into `box` (an alert region), replacing what it said before. */
export function showErrorIn(box: HTMLElement, error: unknown): void {
  const [key, args] = errorKey(error);
  replaceChildren(box, h('p', { t: key, tArgs: args }));
}
