import { issueDownloadUrl } from "@/domain/attachments/issue-download-url";
import { route } from "@/http/route";

// A signed, single-use, short-lived download URL; 404 for anything the caller may not download.
export const GET = route({ name: "attachments.url" }, ({ actor, params }) => issueDownloadUrl(actor, params.id!));
