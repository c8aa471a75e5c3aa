import type { Actor } from "@/auth/actor";
import { listDirectory } from "@/domain/directory/list-directory";

/** Agents (by the label that names role and e-mail) and teams, for the macro forms' pickers and summaries. */
export async function macroDirectory(actor: Actor) {
  const directory = await listDirectory(actor);
  return { agents: directory.agents.map((a) => ({ id: a.id, name: a.label })), teams: directory.teams };
}
