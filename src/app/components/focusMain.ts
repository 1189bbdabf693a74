/**
 * Moves the keyboard focus to the page's heading, as a screen reader user expects after a link: the skip
 * link and every navigation use it. A page may show its heading a moment after the hash changes (a lazy
 * page, data still loading): with `waitIn`, it watches that node until a heading appears, and returns what
 * stops watching (the next navigation). Without a heading, the skip link falls back to <main>.
 */
// While a lazy page loads, React keeps the previous page in the DOM, hidden: only a shown element counts.
const shown = (selector: string) =>
  [...document.querySelectorAll<HTMLElement>(selector)].find((e) => e.getClientRects().length > 0);

function focus(target: HTMLElement | undefined): boolean {
  if (!target) return false;
  if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus();
  return document.activeElement === target;
}

export function focusMain(waitIn?: Node): () => void {
  if (focus(shown('main h1'))) return () => undefined;
  if (!waitIn) {
    focus(shown('main'));
    return () => undefined;
  }
  const observer = new MutationObserver(() => {
    if (focus(shown('main h1'))) observer.disconnect();
  });
  observer.observe(waitIn, { childList: true, subtree: true });
  return () => observer.disconnect();
}
