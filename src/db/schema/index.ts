export * from "./enums";
export * from "./organizations";
export * from "./auth";
export * from "./teams";
export * from "./sla-policies";
export * from "./tickets";
export * from "./audit-events";
export * from "./attachments";
