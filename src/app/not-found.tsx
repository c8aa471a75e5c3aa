import { NotFoundMessage } from "@/components/feedback/not-found-message";

export const metadata = { title: "Not found" };

export default function NotFound() {
  return <NotFoundMessage />;
}
