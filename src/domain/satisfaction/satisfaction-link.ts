// The satisfaction link (issue 13): a one-time link token (src/lib/link-token.ts, the invites' and
// downloads' mechanism), its hash in the request row that binds it to one ticket, resolution and requester.
export const satisfactionPath = (token: string) => `/app/satisfaction/${token}`;

/** What the token sealed in the outbox is bound to (src/lib/sealed.ts): one request, one recipient. */
export const satisfactionTokenContext = (requestId: string, recipientId: string) => `satisfaction:${requestId}:${recipientId}`;
