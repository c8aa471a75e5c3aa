import type { TRole } from "../schema/enums";

// Who the seed creates: plain data, also read by scripts/seed-guard.ts to check SEED_PASSWORD against
// every demo account's context (S3).
export const DEMO_ORGS = [
  { name: "Acme", slug: "acme" },
  { name: "Globex", slug: "globex" },
] as const;

export const DEMO_USERS: { local: string; name: string; role: TRole }[] = [
  { local: "admin", name: "Ada Admin", role: "admin" },
  { local: "agent", name: "Alex Agent", role: "agent" },
  { local: "agent2", name: "Sam Support", role: "agent" },
  { local: "requester", name: "Riley Requester", role: "requester" },
  { local: "requester2", name: "Jordan Customer", role: "requester" },
];

export const demoEmail = (local: string, orgSlug: string) => `${local}@${orgSlug}.test`;

// Demo ticket texts: what a real support queue looks like, with Markdown in descriptions and replies.
export const DEMO_TICKETS: { title: string; descriptionMd: string; replies: string[]; note?: string }[] = [
  {
    title: "Cannot log in after password reset",
    descriptionMd:
      "I reset my password this morning but the sign-in page keeps saying **invalid credentials**.\n\n- Browser: Firefox 128\n- Tried twice, cleared cookies",
    replies: ["Thanks for reporting this. Could you try once more in a private window?", "Private window works, thank you!"],
    note: "Probably a stale session cookie; see the known issue list.",
  },
  {
    title: "Invoice #4411 shows the wrong VAT number",
    descriptionMd: "Our VAT number changed in March. Invoice 4411 still shows the old one. Please reissue.",
    replies: ["We have updated your billing profile and reissued the invoice."],
    note: "Billing profile updated manually; check why sync did not pick it up.",
  },
  {
    title: "Printer on floor 3 is offline",
    descriptionMd: "The printer next to the kitchen on floor 3 shows *offline* for everyone since Monday.",
    replies: ["A technician is on the way.", "It is printing again, thanks."],
  },
  {
    title: "Request: access to the analytics dashboard",
    descriptionMd: "I joined the marketing team last week and need read access to the analytics dashboard.",
    replies: ["Access granted. You may need to sign out and back in."],
  },
  {
    title: "Export to CSV times out",
    descriptionMd: "Exporting the full contact list (about 80k rows) to CSV times out after 30 seconds.\n\n```\nError 504 Gateway Timeout\n```",
    replies: ["We can reproduce this and have raised it with engineering."],
    note: "Engineering ticket ENG-2211. Workaround: export per region.",
  },
  {
    title: "Two-factor codes not accepted",
    descriptionMd: "My authenticator app codes are rejected. The phone clock is set automatically.",
    replies: ["Could you confirm which app you use?"],
  },
  { title: "Laptop battery drains overnight", descriptionMd: "My laptop loses about 40% battery overnight even when closed.", replies: [] },
  {
    title: "Shared drive is read-only",
    descriptionMd: "Since this morning I cannot save files to the **Projects** shared drive.",
    replies: ["We restored your write permission on the Projects drive."],
  },
  { title: "Wrong time zone in calendar invites", descriptionMd: "Invites sent from the booking page show UTC instead of Europe/Berlin.", replies: [] },
  {
    title: "Feature request: dark mode",
    descriptionMd: "Could the portal get a dark mode? Working late with the bright UI is hard on the eyes.",
    replies: ["Thanks for the suggestion, we have passed it on to the product team."],
  },
  {
    title: "VPN disconnects every 10 minutes",
    descriptionMd: "The VPN client drops the connection roughly every ten minutes when on hotel Wi-Fi.",
    replies: ["Please send us the client log from Help > Export logs."],
    note: "Matches the MTU issue seen on some hotel networks.",
  },
  {
    title: "Refund for duplicate charge",
    descriptionMd: "We were charged twice for the October subscription. Please refund one of the charges.",
    replies: ["The duplicate charge has been refunded; it can take 5 to 10 days to appear."],
  },
  { title: "Email signatures lost after update", descriptionMd: "After the mail client update, all my email signatures are gone.", replies: [] },
  {
    title: "Onboarding: new hire starting Monday",
    descriptionMd: "Please prepare an account and a laptop for **Dana Reyes**, starting Monday in Sales.",
    replies: ["Account created, laptop will be at the front desk."],
  },
  {
    title: "Website contact form returns an error",
    descriptionMd: 'Submitting the contact form on the website shows "Something went wrong".',
    replies: ["Fixed: a spam filter rule was too strict."],
    note: "Rule 17 in the WAF was blocking legitimate posts.",
  },
  { title: "Slow search in the customer portal", descriptionMd: "Searching for orders in the portal takes more than 10 seconds.", replies: [] },
  {
    title: "API key rotation",
    descriptionMd: "We need to rotate our API key after a contractor left. How do we do it without downtime?",
    replies: ["You can create a second key, switch over, then revoke the old one."],
  },
  {
    title: "Monitor flickering",
    descriptionMd: "The external monitor flickers when connected through the dock.",
    replies: ["Please try the other USB-C port on the dock."],
  },
  { title: "Cannot join video calls from the browser", descriptionMd: "Video calls open but camera and microphone stay grey in Chrome.", replies: [] },
  {
    title: "Data deletion request",
    descriptionMd: "Please delete all personal data you hold about our former employee (account id on file).",
    replies: ["We have started the deletion; you will get a confirmation once complete."],
    note: "Legal hold check done: none.",
  },
  {
    title: "Mobile app crashes on start",
    descriptionMd: "The iOS app crashes immediately after the splash screen since version 5.2.",
    replies: ["A fix is in review with the App Store."],
  },
  { title: "Add a second admin to our account", descriptionMd: "Please make our CFO an admin as well.", replies: [] },
  {
    title: "Backup job failed last night",
    descriptionMd: "The nightly backup report shows **FAILED** for the file server.",
    replies: ["The backup ran successfully on retry."],
    note: "Disk was 98% full; cleaned up old snapshots.",
  },
  { title: "Keyboard layout switches randomly", descriptionMd: "My keyboard switches between German and US layout while typing.", replies: [] },
  {
    title: "Question about the enterprise plan",
    descriptionMd: "Does the enterprise plan include single sign-on and audit log exports?",
    replies: ["Yes to both; I have attached the plan comparison."],
  },
  { title: "Password manager extension not filling", descriptionMd: "The password manager extension stopped filling passwords on the intranet.", replies: [] },
  {
    title: "Conference room display won't turn on",
    descriptionMd: "The display in room *Atlas* does not turn on with the remote.",
    replies: ["Batteries replaced, it works again."],
  },
  { title: "Shipping address cannot be edited", descriptionMd: "The save button stays disabled when I change the shipping address.", replies: [] },
  {
    title: "Request a software licence",
    descriptionMd: "I need a licence for the diagram editor for the architecture project.",
    replies: ["Licence assigned to your account."],
  },
  {
    title: "Spam emails getting through",
    descriptionMd: "We receive a lot of spam with fake invoices since last week.",
    replies: ["We tightened the filter rules; please forward any that still get through."],
    note: "Added the sender domains to the block list.",
  },
];
