import { listDirectory } from "@/domain/directory/list-directory";
import { route } from "@/http/route";

export const GET = route({ name: "directory.list", permission: "directory.read" }, async ({ actor }) => listDirectory(actor));
