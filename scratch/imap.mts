import { ImapFlow } from "imapflow";
const c = new ImapFlow({ host: "127.0.0.1", port: 14399, secure: false, auth: { user: "helpdesk", pass: "s3cret-pass" }, logger: false, tls: { rejectUnauthorized: false } });
await c.connect();
await c.append("INBOX", "From: a@b.test\r\nTo: s@x.test\r\nSubject: hi\r\nMessage-ID: <1@b.test>\r\n\r\nhello\r\n");
const mb = await c.mailboxOpen("INBOX", { readOnly: true });
console.log(mb.uidValidity, mb.exists);
console.log(await c.search({ uid: "1:*" }, { uid: true }));
await c.logout();
