import { SearchX } from "lucide-react";
import { StatusPage } from "@/components/shell/status-page";

export const metadata = { title: "Page not found" };

/** A URL that matches no page; signed in or not, so no app shell here. */
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <StatusPage icon={SearchX} code="404" title="We could not find that page">
        <p>The link may be mistyped, or the page has moved.</p>
      </StatusPage>
    </main>
  );
}
