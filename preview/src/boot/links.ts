import { locationService } from '@grafana/runtime';

/** Internal links navigate in place, without a page load, as Grafana's interceptLinkClicks makes them. */
export function interceptLinkClicks(): void {
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const anchor = (event.target as HTMLElement).closest?.('a');
    const href = anchor?.getAttribute('href');
    if (!anchor || !href || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(href, document.baseURI);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/public/')) return;
    event.preventDefault();
    locationService.push(url.pathname + url.search + url.hash);
  });
}
