import { SearchX } from "lucide-react";
import { StatusPage } from "@/components/shell/status-page";

export const metadata = { title: "Page not found" };

/**
 * notFound() anywhere in the signed-in app: an unknown or another
 * workspace's id, or a part of the app this workspace has switched off.
 * Rendered inside the app layout, so the header and navigation stay.
 */
export default function AppNotFound() {
  return (
    <StatusPage icon={SearchX} code="404" title="We could not find that page">
      <p>It may have been deleted, the link may be mistyped, or it is not available in this workspace.</p>
    </StatusPage>
  );
}
