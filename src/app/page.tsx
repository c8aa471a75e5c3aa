import { redirect } from "next/navigation";

// The product lives under /app; the bare origin only forwards there.
export default function Home(): never {
  redirect("/app");
}
