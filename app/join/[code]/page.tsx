import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Radio } from "lucide-react";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { sessions, workspaces } from "@/db/schema";

export const metadata: Metadata = { title: "Your session" };
export const dynamic = "force-dynamic";

/** Where an invite's link lands: who invited you, to what. (The video session itself is another product's.) */
export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!/^[A-Za-z0-9_-]{4,32}$/.test(code)) notFound();
  const db = await getDb();
  const [row] = await db
    .select({ title: sessions.title, agent: sessions.agentName, workspace: workspaces.name })
    .from(sessions)
    .innerJoin(workspaces, eq(workspaces.id, sessions.workspaceId))
    .where(eq(sessions.joinCode, code))
    .limit(1);
  if (!row) notFound();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-xl bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
        <Radio className="mx-auto size-8 text-brand-600" aria-hidden />
        <h1 className="mt-4 text-xl font-semibold">{row.title}</h1>
        <p className="mt-2 text-sm text-slate-600">
          {row.agent} from {row.workspace} invited you. Keep this page open: your session starts when they connect.
        </p>
      </div>
    </main>
  );
}
