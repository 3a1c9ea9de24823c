// Quick exit: leave at once to a neutral site, without Matala in the history
// (location.replace) and without anything of Matala left in this browser's
// session or local storage.
import { clearMatalaKeys, freezeStorage, localStore, sessionStore } from '../chat/storage';

/** Where Quick exit goes. A neutral, common site; change it here for a deployment. */
export const QUICK_EXIT_URL = 'https://www.google.com/';

export interface QuickExitDeps {
  /** Called first, e.g. to close the socket. */
  beforeLeave?: () => void;
  embedded?: boolean;
}

export function quickExit(deps: QuickExitDeps = {}): void {
  freezeStorage();
  try {
    deps.beforeLeave?.();
  } catch {
    /* leave anyway */
  }
  let session = null;
  try {
    session = window.sessionStorage;
  } catch {
    session = sessionStore();
  }
  clearMatalaKeys(session, localStore());
  if (deps.embedded && window.parent !== window) {
    // Inside the /widget.js panel: the neutral site cannot be shown in a frame.
    // Ask the host page's widget to close the panel, and blank the frame.
    window.parent.postMessage({ type: 'matala:quick-exit' }, '*');
    location.replace('about:blank');
    return;
  }
  location.replace(QUICK_EXIT_URL);
}
