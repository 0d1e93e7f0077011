import type { Metadata } from "next";
import { Video } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireSignedIn } from "@/lib/auth/server-session";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage() {
  await requireSignedIn();
  return (
    <>
      <PageHeader title="Sessions" description="Remote sessions your team has invited customers to." />
      <EmptyState icon={Video} title="No sessions yet" />
    </>
  );
}
