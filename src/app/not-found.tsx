import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/feedback/not-found-message";
import { browserMessages } from "@/components/messages/browser-messages";
import { FEEDBACK_MESSAGES } from "@/components/messages/feedback";

export async function generateMetadata(): Promise<Metadata> {
  const t = await browserMessages(FEEDBACK_MESSAGES);
  return { title: t("notFound.metaTitle") };
}

export default function NotFound() {
  return <NotFoundMessage />;
}
