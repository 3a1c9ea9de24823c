// The citizen page (/). For now: heading, introduction and crisis numbers;
// the chat component mounts into #chat-root later.
import '../styles/base.css';
import '../styles/citizen.css';
import { initPage, keepLangOnLink } from '../lib/page';

initPage('citizen.documentTitle');
keepLangOnLink(document.getElementById('staff-link') as HTMLAnchorElement | null);

// Shown inside the /widget.js panel: compact layout, and Escape asks the host
// page's widget to close the panel (key presses inside the frame do not reach it).
const params = new URLSearchParams(location.search);
if (params.get('embed') === '1' && window.parent !== window) {
  document.documentElement.classList.add('is-embedded');
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      window.parent.postMessage({ type: 'matala:close' }, '*');
    }
  });
}
