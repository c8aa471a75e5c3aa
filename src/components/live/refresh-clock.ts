// When this tab last asked the server to re-render the page (router.refresh), from whichever component.
// A live event that arrived before such a refresh was asked for needs no refresh of its own: the change
// was committed before its event was sent, so that refresh's rendering already holds it. Two refreshes
// close together only delay each other (the second cancels the first).
let lastRefreshAt = 0;

export function noteRefresh(): void {
  lastRefreshAt = performance.now();
}

export function refreshedSince(at: number): boolean {
  return lastRefreshAt >= at;
}
