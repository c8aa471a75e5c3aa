import { NotFoundMessage } from "@/components/feedback/not-found-message";

// Inside the signed-in layout, so a missing ticket keeps the header and navigation around it.
export default function SignedInNotFound() {
  return <NotFoundMessage />;
}
