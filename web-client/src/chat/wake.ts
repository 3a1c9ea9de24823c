// Notices that the computer slept (timers stopped for a while) so the chat can
// replace a socket that may have died silently, instead of waiting for a
// request to time out. Only while the page is visible: hidden tabs have their
// timers slowed down on purpose, which is not sleep.

export function onWake(callback: () => void, intervalMs = 5_000, toleranceMs = 15_000): () => void {
  let last = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    const gap = now - last;
    last = now;
    if (gap > intervalMs + toleranceMs && document.visibilityState === 'visible') callback();
  }, intervalMs);
  return () => clearInterval(timer);
}
