import { listDirectory } from "@/domain/directory/list-directory";
import { route } from "@/http/route";

export const GET = route({ name: "directory.list" }, async ({ actor }) => listDirectory(actor));
