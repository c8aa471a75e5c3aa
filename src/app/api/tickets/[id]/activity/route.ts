import { listActivity, ZListActivityQuery } from "@/domain/activity/list-activity";
import { route } from "@/http/route";

export const GET = route({ name: "activity.list", query: ZListActivityQuery }, ({ actor, params, query }) => listActivity(actor, params.id!, query));
