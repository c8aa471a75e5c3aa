// The words tickets are made of. Topics follow a Zipf-like weight, so some nouns are everywhere and
// others are scarce; a separate list of rare product names gives full-text search a selective case.
// The runner searches for the terms exported at the bottom; generate.ts prints how many tickets match.

export interface Topic {
  /** The tag a ticket about this topic carries. */
  tag: string;
  nouns: string[];
  problems: string[];
}

export const TOPICS: Topic[] = [
  {
    tag: "printing",
    nouns: ["printer", "toner", "print queue", "scanner", "paper tray"],
    problems: ["offline", "jammed", "not printing", "printing blank pages", "stuck"],
  },
  {
    tag: "accounts",
    nouns: ["password", "login", "account", "single sign-on", "session"],
    problems: ["locked out", "expired", "rejected", "looping back to sign-in", "not accepted"],
  },
  {
    tag: "email",
    nouns: ["mailbox", "calendar invite", "shared inbox", "email attachment", "distribution list"],
    problems: ["not syncing", "bouncing", "missing", "delayed", "marked as spam"],
  },
  {
    tag: "network",
    nouns: ["vpn", "wifi", "network drive", "firewall rule", "proxy"],
    problems: ["offline", "dropping", "slow", "timing out", "disconnected"],
  },
  {
    tag: "billing",
    nouns: ["invoice", "refund", "subscription", "credit card", "receipt"],
    problems: ["charged twice", "missing", "incorrect", "declined", "not applied"],
  },
  {
    tag: "hardware",
    nouns: ["laptop", "monitor", "docking station", "keyboard", "headset"],
    problems: ["not detected", "flickering", "overheating", "broken", "not charging"],
  },
  {
    tag: "software",
    nouns: ["license", "installer", "software update", "plugin", "spreadsheet"],
    problems: ["crashing", "failing", "frozen", "corrupted", "not opening"],
  },
  {
    tag: "access",
    nouns: ["permission", "shared folder", "dashboard", "report", "repository"],
    problems: ["denied", "missing", "read-only", "not visible", "revoked"],
  },
  {
    tag: "mobile",
    nouns: ["phone", "mobile app", "tablet", "push notification", "authenticator"],
    problems: ["crashing", "not syncing", "draining the battery", "not receiving", "blank"],
  },
  { tag: "data", nouns: ["export", "import", "backup", "database", "csv file"], problems: ["failing", "incomplete", "slow", "duplicated", "truncated"] },
  {
    tag: "meeting-rooms",
    nouns: ["projector", "conference room", "webcam", "microphone", "speakerphone"],
    problems: ["no signal", "echoing", "muted", "not detected", "unavailable"],
  },
  {
    tag: "onboarding",
    nouns: ["onboarding checklist", "new hire", "badge", "desk booking", "parking permit"],
    problems: ["not ready", "missing", "delayed", "rejected", "expired"],
  },
];

/** Appear in a small share of tickets each (one of them in about a quarter of all descriptions). */
export const RARE_WORDS = [
  "kerberos",
  "yubikey",
  "citrix",
  "sharepoint",
  "onedrive",
  "salesforce",
  "jira",
  "confluence",
  "photoshop",
  "autocad",
  "quickbooks",
  "netsuite",
  "workday",
  "okta",
  "bitlocker",
  "filevault",
  "intune",
  "jamf",
  "ldap",
  "dhcp",
  "tableau",
  "zendesk",
  "hubspot",
  "docusign",
  "dropbox",
  "slack",
  "zoom",
  "webex",
  "teamviewer",
  "anydesk",
  "solidworks",
  "matlab",
  "rstudio",
  "postman",
  "kubernetes",
  "terraform",
  "ansible",
  "jenkins",
  "grafana",
  "kibana",
  "mailchimp",
  "shopify",
  "stripe",
  "paypal",
  "xero",
  "sage",
  "oracle",
  "sap",
  "peoplesoft",
  "servicenow",
  "lastpass",
  "bitwarden",
  "keepass",
  "veeam",
  "acronis",
  "sophos",
  "crowdstrike",
  "sentinelone",
  "fortinet",
  "meraki",
  "ubiquiti",
  "aruba",
  "cisco",
  "juniper",
  "palo",
  "barracuda",
  "mimecast",
  "proofpoint",
  "zscaler",
  "netskope",
];

export const CLOSINGS = ["Thanks", "Thank you", "Cheers", "Best regards", "Many thanks", "Kind regards"];
export const FIRST_NAMES = [
  "Ana",
  "Ben",
  "Chloe",
  "Dev",
  "Elif",
  "Femi",
  "Greta",
  "Hiro",
  "Ines",
  "Jon",
  "Kemal",
  "Lena",
  "Mia",
  "Nils",
  "Omar",
  "Priya",
  "Quinn",
  "Rosa",
  "Sven",
  "Tara",
  "Uma",
  "Vik",
  "Wen",
  "Yara",
  "Zoe",
];
export const LAST_NAMES = [
  "Abbott",
  "Brandt",
  "Castro",
  "Dubois",
  "Eriksen",
  "Fischer",
  "Garcia",
  "Haddad",
  "Ivanova",
  "Jansen",
  "Kowalski",
  "Larsen",
  "Moreau",
  "Novak",
  "Okafor",
  "Petrov",
  "Quist",
  "Rossi",
  "Silva",
  "Tanaka",
  "Ueda",
  "Varga",
  "Weber",
  "Yilmaz",
  "Zimmer",
];

/** What the runner searches for. `generate.ts` prints their selectivity in the biggest organization. */
export const SEARCH_TERMS = {
  common: "error",
  rare: "kerberos",
  twoWords: "printer offline",
} as const;

/**
 * Tags every organization has, with a controlled share of its tickets beside the topic tags (one per
 * ticket, Zipf like the topics) and one tag per product named in a ticket (RARE_WORDS, ~0.35 % each).
 * bench:triage lists by these three.
 */
export const SHARE_TAGS = {
  common: { name: "follow-up", share: 0.3 },
  mid: { name: "vip", share: 0.02 },
  rare: { name: "legal-hold", share: 0.0005 },
} as const;
