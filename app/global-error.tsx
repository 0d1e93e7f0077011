"use client";

import "./globals.css";
import { ErrorView } from "@/components/shell/error-view";

/** The root layout itself failed: this replaces it, so it brings its own html and body. */
export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <main className="flex min-h-screen items-center justify-center px-4 py-12">
          <ErrorView error={error} retry={retry} />
        </main>
      </body>
    </html>
  );
}
