import { expect } from "vitest";
import { callJson } from "./api";

export async function createTicketAs(cookie: string, body: Record<string, unknown>) {
  const res = await callJson("POST", "/api/tickets", { cookie, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; number: number; title: string; [k: string]: unknown };
}
