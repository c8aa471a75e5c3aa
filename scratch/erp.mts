import EmailReplyParser from "email-reply-parser";
const t = `Thanks, that fixed it!\n\nBest,\nJane\n--\nJane Doe | ACME\n\nOn Mon, Dec 1, 2026 at 10:00 AM Support <support@x.test> wrote:\n> Please try restarting.\n> Bye\n`;
const p = new EmailReplyParser();
console.log(JSON.stringify(p.parseReply(t)));
const e = p.read(t); console.log(JSON.stringify(e.getVisibleText()));
const md = "Hello **there**\n\n> quoted from before\n\nmore text\n\nOn Tue, someone wrote:\n\n> old";
console.log(JSON.stringify(p.parseReply(md)));
