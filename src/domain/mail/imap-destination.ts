// Where a mailbox's IMAP host may be (issue 12, request forgery as for webhooks): an organization admin
// must not make the server log in to its own network. In production only public addresses, checked when
// saved and resolved again at every poll, which connects to exactly the address checked.
import { privateImapAllowed } from "@/lib/env";
import { InvalidField } from "@/lib/errors";
import { PrivateDestinationError, resolveDestination } from "@/lib/webhooks/public-destination";

/** The address to connect to for `host` (the check and the connection use the same answer). */
export async function resolveImapHost(host: string): Promise<{ address: string; hostname: string }> {
  const shown = host.includes(":") ? `[${host}]` : host;
  const dest = await resolveDestination(`https://${shown}/`, { allowPrivate: privateImapAllowed() });
  return { address: dest.address, hostname: dest.hostname };
}

export async function assertImapHostAllowed(host: string): Promise<void> {
  if (privateImapAllowed()) return;
  await resolveImapHost(host).catch((e) => {
    if (e instanceof PrivateDestinationError) throw InvalidField("imapHost", "The IMAP server must be a public address");
    throw e;
  });
}
