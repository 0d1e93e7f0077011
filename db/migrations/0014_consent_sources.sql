ALTER TABLE "contacts" ADD COLUMN "consent_sms_source" "consent_source";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "consent_sms_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "consent_whatsapp_source" "consent_source";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "consent_whatsapp_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "consent_email_source" "consent_source";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "consent_email_changed_at" timestamp with time zone;--> statement-breakpoint
-- Backfill: each recorded state's source and time from its last ledger event
-- (a state with no event, e.g. demo data loaded by COPY, counts as import or manual by the contact's source).
UPDATE contacts c SET
  consent_sms_source = CASE WHEN c.consent_sms <> 'not_subscribed' THEN coalesce((SELECT e.source FROM consent_events e WHERE e.workspace_id = c.workspace_id AND e.contact_id = c.id AND e.channel = 'sms' ORDER BY e.created_at DESC, e.id DESC LIMIT 1), CASE WHEN c.source = 'import' THEN 'import' ELSE 'manual' END::consent_source) END,
  consent_sms_changed_at = CASE WHEN c.consent_sms <> 'not_subscribed' THEN coalesce((SELECT e.created_at FROM consent_events e WHERE e.workspace_id = c.workspace_id AND e.contact_id = c.id AND e.channel = 'sms' ORDER BY e.created_at DESC, e.id DESC LIMIT 1), c.updated_at) END,
  consent_whatsapp_source = CASE WHEN c.consent_whatsapp <> 'not_subscribed' THEN coalesce((SELECT e.source FROM consent_events e WHERE e.workspace_id = c.workspace_id AND e.contact_id = c.id AND e.channel = 'whatsapp' ORDER BY e.created_at DESC, e.id DESC LIMIT 1), CASE WHEN c.source = 'import' THEN 'import' ELSE 'manual' END::consent_source) END,
  consent_whatsapp_changed_at = CASE WHEN c.consent_whatsapp <> 'not_subscribed' THEN coalesce((SELECT e.created_at FROM consent_events e WHERE e.workspace_id = c.workspace_id AND e.contact_id = c.id AND e.channel = 'whatsapp' ORDER BY e.created_at DESC, e.id DESC LIMIT 1), c.updated_at) END,
  consent_email_source = CASE WHEN c.consent_email <> 'not_subscribed' THEN coalesce((SELECT e.source FROM consent_events e WHERE e.workspace_id = c.workspace_id AND e.contact_id = c.id AND e.channel = 'email' ORDER BY e.created_at DESC, e.id DESC LIMIT 1), CASE WHEN c.source = 'import' THEN 'import' ELSE 'manual' END::consent_source) END,
  consent_email_changed_at = CASE WHEN c.consent_email <> 'not_subscribed' THEN coalesce((SELECT e.created_at FROM consent_events e WHERE e.workspace_id = c.workspace_id AND e.contact_id = c.id AND e.channel = 'email' ORDER BY e.created_at DESC, e.id DESC LIMIT 1), c.updated_at) END
WHERE c.consent_sms <> 'not_subscribed' OR c.consent_whatsapp <> 'not_subscribed' OR c.consent_email <> 'not_subscribed';--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_consent_sms_recorded" CHECK ((consent_sms = 'not_subscribed') = (consent_sms_source IS NULL));--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_consent_whatsapp_recorded" CHECK ((consent_whatsapp = 'not_subscribed') = (consent_whatsapp_source IS NULL));--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_consent_email_recorded" CHECK ((consent_email = 'not_subscribed') = (consent_email_source IS NULL));