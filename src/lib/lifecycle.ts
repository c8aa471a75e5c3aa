// The process's shutdown state (issue 14, graceful shutdown). SIGTERM first turns readiness red (the load
// balancer stops sending new requests), then the HTTP server stops accepting, ends the event streams (their
// clients reconnect, through the balancer, to another instance), waits for the requests in flight and
// closes the pools (src/server/graceful-shutdown.ts). Kept on globalThis: the server's modules and any copy
// Next bundles must see the same state.
const state = globalThis as unknown as { helpdeskDraining?: boolean; helpdeskDrainHooks?: Set<() => void> };

function hooks(): Set<() => void> {
  state.helpdeskDrainHooks ??= new Set();
  return state.helpdeskDrainHooks;
}

/** True once this process has been told to stop: readiness answers 503, new event streams end at once. */
export function isDraining(): boolean {
  return state.helpdeskDraining === true;
}

/** Runs `hook` when draining starts (an open event stream ends itself); returns its removal. */
export function onDrain(hook: () => void): () => void {
  hooks().add(hook);
  return () => void hooks().delete(hook);
}

/** Turns readiness red; with `endStreams`, also ends every long-lived stream registered with onDrain. */
export function startDraining(opts: { endStreams: boolean }): void {
  state.helpdeskDraining = true;
  if (!opts.endStreams) return;
  for (const hook of [...hooks()]) {
    hooks().delete(hook);
    hook();
  }
}

/** The number of long-lived streams that will be ended when draining (tests, logs). */
export function drainHookCount(): number {
  return hooks().size;
}

/** Tests only: back to serving. */
export function resetDraining(): void {
  state.helpdeskDraining = false;
}
