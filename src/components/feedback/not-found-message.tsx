import Link from "next/link";
import { MessagePage } from "./message-page";

// Deliberately says nothing about why: a ticket of another organization, a malformed id and one that never
// existed must look exactly the same (S10).
export function NotFoundMessage() {
  return (
    <MessagePage
      code="404"
      title="We couldn't find that page"
      actions={
        <Link className="btn btn-primary" href="/app" prefetch={false}>
          Back to the queue
        </Link>
      }
    >
      The link may be wrong, or what it pointed to is not available to your account.
    </MessagePage>
  );
}
