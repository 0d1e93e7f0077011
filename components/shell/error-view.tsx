"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
import { TriangleAlert } from "lucide-react";
import { StatusPage } from "@/components/shell/status-page";
import { Button, buttonClass } from "@/components/ui/button";

/**
 * What an unexpected error looks like: a calm message, a reference and a
 * way on, never the error's text or stack. On the server Next.js replaces
 * a thrown error with a digest that is also in the server log next to the
 * real error, so the digest is the reference support asks for; an error
 * thrown in the browser has none, so its time stands in.
 */
export function ErrorView({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  // Taken once, when the boundary first shows this error.
  const [browserTime] = useState(() => new Date().toISOString());
  useEffect(() => console.error(error), [error]);
  const reference = error.digest ?? browserTime;
  return (
    <StatusPage
      icon={TriangleAlert}
      code="Error"
      title="Something went wrong on our side"
      actions={
        <>
          <Button onClick={retry}>Try again</Button>
          <Link href="/" className={buttonClass("secondary")}>
            Go to the start page
          </Link>
        </>
      }
    >
      <p>This page could not be shown. Try again in a moment.</p>
      <p>
        If it keeps happening, tell your administrator this reference:{" "}
        <code data-testid="error-reference" className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">
          {error.digest ? reference : `browser ${reference}`}
        </code>
      </p>
    </StatusPage>
  );
}
