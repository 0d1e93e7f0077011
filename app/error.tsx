"use client";

import { ErrorView } from "@/components/shell/error-view";

/** An unexpected error outside the app shell (sign-in, setup, the join page). */
export default function RootError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <ErrorView error={error} retry={retry} />
    </main>
  );
}
