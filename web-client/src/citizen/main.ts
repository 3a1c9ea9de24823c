// The citizen page (/): heading, introduction, crisis numbers, and the chat
// (src/citizen/chat-view.ts) mounted into #chat-root.
import '../styles/base.css';
import '../styles/citizen.css';
import '../styles/chat.css';
import '../styles/requests.css';
import { initPage, keepLangOnLink } from '../lib/page';
import { mountCitizenChat } from './chat-view';

initPage('citizen.documentTitle');
keepLangOnLink(document.getElementById('staff-link') as HTMLAnchorElement | null);

// Shown inside the /widget.js panel: compact layout, and Escape asks the host
// page's widget to close the panel (key presses inside the frame do not reach it).
const params = new URLSearchParams(location.search);
const embedded = params.get('embed') === '1' && window.parent !== window;
if (embedded) {
  document.documentElement.classList.add('is-embedded');
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      window.parent.postMessage({ type: 'matala:close' }, '*');
    }
  });
}

const chatRoot = document.getElementById('chat-root');
if (chatRoot) mountCitizenChat(chatRoot, { embedded });
