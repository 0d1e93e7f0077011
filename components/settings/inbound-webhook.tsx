"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import { regenerateInboundSecret } from "@/app/(app)/settings/workspace/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** What a provider needs to forward replies (STOP, START…) to this workspace. */
export function InboundWebhook({ url, workspaceId, secret }: { url: string; workspaceId: string; secret: string }) {
  const [pending, startTransition] = useTransition();
  return (
    <Card title="Inbound messages" description="Point your SMS, WhatsApp or email provider here so opt-out replies (STOP, START…) update consent.">
      <dl className="space-y-3 text-sm">
        <div>
          <dt className="text-xs font-medium text-slate-500">Webhook URL (POST, JSON)</dt>
          <dd><code className="break-all">{url}</code></dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-500">X-Switchboard-Workspace header</dt>
          <dd><code>{workspaceId}</code></dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-500">Signing secret (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature)</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <code className="break-all" data-testid="inbound-secret">{secret}</code>
            <ConfirmDialog
              title="Regenerate the signing secret?"
              description="Messages signed with the old secret are refused from now on. Update your provider right after."
              confirmLabel="Regenerate"
              pending={pending}
              onConfirm={() =>
                startTransition(async () => {
                  const result = await regenerateInboundSecret();
                  if (result.ok) toast.success("New secret generated.");
                  else toast.error(result.message);
                })
              }
              trigger={<Button variant="secondary" disabled={pending}>Regenerate</Button>}
            />
          </dd>
        </div>
      </dl>
    </Card>
  );
}
