import { createMacro } from "@/domain/macros/create-macro";
import { listMacros } from "@/domain/macros/list-macros";
import { ZCreateMacro } from "@/domain/macros/macros.schemas";
import { json } from "@/http/respond";
import { route } from "@/http/route";

/** The organization's shared macros and the caller's personal ones (issue 11). */
export const GET = route({ name: "macros.list" }, ({ actor }) => listMacros(actor));

export const POST = route({ name: "macros.create", body: ZCreateMacro }, async ({ actor, body }) => json(await createMacro(actor, body), { status: 201 }));
