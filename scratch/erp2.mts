import EmailReplyParser from "email-reply-parser";
const p = new EmailReplyParser();
const md = "Hello **there**\n\nsecond para\n\n- a\n- b\n\nmore text\n\nOn Tue, Dec 1, 2026 at 10:00 someone <a@b.c> wrote:\n\n> old\n> older\n";
const e = p.read(md);
for (const f of e.getFragments()) console.log(JSON.stringify({c: f.getContent(), h: f.isHidden(), q: f.isQuoted(), s: f.isSignature()}));
const t2 = "Reply on top\n\n-- \nJohn\nSent from my iPhone";
for (const f of p.read(t2).getFragments()) console.log(JSON.stringify({c: f.getContent(), h: f.isHidden(), q: f.isQuoted(), s: f.isSignature()}));
