"use client";

import { ErrorView } from "@/components/shell/error-view";

/** An unexpected error in a signed-in page: shown inside the app shell. */
export default function AppError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <ErrorView error={error} retry={retry} />;
}
