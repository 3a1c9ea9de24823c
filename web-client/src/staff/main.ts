// Staff single-page app (/staff/): sign-in view and console view.
import '../styles/base.css';
import '../styles/staff.css';
import '../styles/chat.css';
import '../styles/requests.css';
import { focusElement, h, replaceChildren } from '../lib/dom';
import { initPage, keepLangOnLink, setTitle } from '../lib/page';
import { ApiError, login, logout, refresh, request, type RequestOptions, type Staff } from './api';
import { renderConsole, type ConsoleHandle } from './console';
import { roleList } from './roles';
import type { ConsoleContext } from './context';
import { SessionEndedError, SessionManager, type EndReason } from './session';
import { renderSignIn, type SignInNotice } from './signin';

initPage('signin.documentTitle');
keepLangOnLink(document.getElementById('front-link') as HTMLAnchorElement | null);

const main = document.getElementById('main') as HTMLElement;
const userBox = document.getElementById('user-box') as HTMLElement;

function browserSessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: the session lives in memory only
  }
}

const session = new SessionManager({
  storage: browserSessionStorage(),
  refresh: (refreshToken) => refresh(refreshToken),
  onEnded: (reason) =>
    showSignIn({ notice: reason === 'disabled' ? 'signin.accountDisabled' : 'signin.sessionExpired', focus: true }),
  onChange: (current) => {
    // Re-render the header only when the person changed, not on every token
    // refresh (that would take keyboard focus away from its button).
    const key = JSON.stringify([current.staff.displayName, current.staff.roles]);
    if (key !== shownStaff) renderUserBox(current.staff);
  },
});

function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

const context: ConsoleContext = {
  async authed<T>(path: string, options: Omit<RequestOptions, 'token'> = {}): Promise<T> {
    const token = await session.validToken();
    try {
      return await request<T>(path, { ...options, token });
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
    }
    // 401: the access token may have run out early (e.g. this computer's clock
    // is off). One refresh and one retry; if that fails too, the session is over.
    try {
      if (session.current?.token === token) await session.refreshNow();
      const fresh = session.current?.token;
      if (!fresh) throw new SessionEndedError();
      return await request<T>(path, { ...options, token: fresh });
    } catch (error) {
      if (isUnauthorized(error) || error instanceof SessionEndedError) {
        session.end('expired');
        throw new SessionEndedError();
      }
      throw error;
    }
  },
  token(): Promise<string> {
    return session.validToken();
  },
  async renewToken(): Promise<void> {
    await session.refreshNow();
  },
  onTokenRenewed(listener: (token: string) => void): () => void {
    return session.onTokenRenewed(listener);
  },
  endSession(reason: EndReason): void {
    session.end(reason);
  },
  me(): Staff {
    const current = session.current;
    if (!current) throw new SessionEndedError();
    return current.staff;
  },
};

/** The console on screen (its chat connection is stopped when it goes). */
let activeConsole: ConsoleHandle | null = null;

function showSignIn(options: { notice?: SignInNotice; focus?: boolean } = {}): void {
  activeConsole?.dispose();
  activeConsole = null;
  userBox.hidden = true;
  userBox.replaceChildren();
  shownStaff = '';
  main.removeAttribute('aria-busy');
  setTitle('signin.documentTitle');
  renderSignIn(main, {
    notice: options.notice,
    focus: options.focus ?? false,
    submit: async (username, password) => {
      const auth = await login(username, password);
      session.start(auth);
      showConsole(true);
    },
  });
}

function showConsole(focus: boolean): void {
  const current = session.current;
  if (!current) {
    showSignIn();
    return;
  }
  main.removeAttribute('aria-busy');
  setTitle('console.documentTitle');
  renderUserBox(current.staff);
  activeConsole?.dispose();
  activeConsole = renderConsole(main, context);
  if (focus) {
    const heading = main.querySelector('h1');
    if (heading) focusElement(heading);
  }
}

let shownStaff = '';

function renderUserBox(staff: Staff): void {
  shownStaff = JSON.stringify([staff.displayName, staff.roles]);
  const roles = h(
    'span',
    { class: 'user-box__roles', 'data-testid': 'staff-roles' },
    h('span', { class: 'visually-hidden', t: 'console.rolesLabel' }),
    ' ',
    roleList(staff.roles),
  );
  replaceChildren(
    userBox,
    h(
      'p',
      { class: 'user-box__who' },
      h('span', { class: 'visually-hidden', t: 'console.signedInAs' }),
      ' ',
      h('span', { class: 'user-box__name', 'data-testid': 'staff-name' }, staff.displayName),
      roles,
    ),
    h('button', { type: 'button', class: 'btn btn--secondary btn--small', t: 'console.signOut', on: { click: signOut } }),
  );
  userBox.hidden = false;
}

async function signOut(): Promise<void> {
  const current = session.current;
  // Signing out forgets this tab's chat device and conversation keys too.
  activeConsole?.forget();
  activeConsole = null;
  session.clear();
  showSignIn({ notice: 'signin.signedOut', focus: true });
  if (current) {
    try {
      await logout(current.token, current.refreshToken);
    } catch {
      /* the tokens are forgotten here either way */
    }
  }
}

async function boot(): Promise<void> {
  const restored = session.restore();
  if (!restored) {
    showSignIn();
    return;
  }
  try {
    const me = await context.authed<Staff>('/api/staff/me');
    session.updateStaff(me);
    showConsole(false);
  } catch (error) {
    if (error instanceof SessionEndedError) return; // sign-in already shown
    // Server unreachable for now: show the console from the stored session;
    // its sections report their own loading errors.
    showConsole(false);
  }
}

// Timers are throttled in background tabs: re-check the token on return.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && session.current) session.schedule();
});

void boot();
