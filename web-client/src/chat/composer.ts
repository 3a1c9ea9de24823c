// The message composer of both chat pages: the form's submit and Enter send;
// Shift+Enter makes a new line, and Enter while an input method is composing
// (e.g. Japanese) confirms the composition instead of sending.

/** Calls `send` when the composer is submitted or Enter is pressed in its textarea. */
export function onComposerSend(composer: HTMLFormElement, textarea: HTMLTextAreaElement, send: () => void): void {
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
}
