import { erasePerson } from "@/domain/lifecycle/erase-person";
import { route } from "@/http/route";

export const POST = route({ name: "admin.users.erase" }, ({ actor, params }) => erasePerson(actor, params.id!));
