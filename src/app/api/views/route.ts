import { listViews } from "@/domain/views/list-views";
import { createView } from "@/domain/views/save-view";
import { ZCreateView, ZListViewsQuery } from "@/domain/views/views.schemas";
import { json } from "@/http/respond";
import { route } from "@/http/route";

export const GET = route({ name: "views.list", query: ZListViewsQuery }, ({ actor, query }) => listViews(actor, query));

export const POST = route({ name: "views.create", body: ZCreateView }, async ({ actor, body }) => json(await createView(actor, body), { status: 201 }));
