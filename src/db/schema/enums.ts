import { pgEnum } from "drizzle-orm/pg-core";

// API values are lower case (DESIGN.md "HTTP API"); the database stores the same strings.
export const userRole = pgEnum("user_role", ["admin", "agent", "requester"]);
export const ticketStatus = pgEnum("ticket_status", ["open", "pending", "on_hold", "resolved", "closed"]);
export const ticketPriority = pgEnum("ticket_priority", ["low", "normal", "high", "urgent"]);

export const ROLES = userRole.enumValues;
export const TICKET_STATUSES = ticketStatus.enumValues;
export const TICKET_PRIORITIES = ticketPriority.enumValues;
export type TRole = (typeof ROLES)[number];
export type TTicketStatus = (typeof TICKET_STATUSES)[number];
export type TTicketPriority = (typeof TICKET_PRIORITIES)[number];
