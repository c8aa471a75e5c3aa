import type { ReactNode } from "react";
import { requirePageActor } from "@/auth/page-actor";
import { AppHeader } from "./_header/app-header";

// Every page below needs a signed-in actor; without one this redirects to /app/sign-in. Pages still call
// requirePageActor() themselves, because a layout is not re-run on every client navigation.
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader name={actor.name} role={actor.role} />
      {children}
    </>
  );
}
