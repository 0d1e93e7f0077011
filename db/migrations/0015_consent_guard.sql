-- The consent guard (db/sql/functions/sb_consent_*.sql, db/sql/triggers/contacts_consent_guard.sql) and
-- sb_attribute_text (db/sql/functions/sb_attribute_text.sql).
CREATE OR REPLACE FUNCTION sb_consent_change_check(
  channel text, old_state consent_state, new_state consent_state, old_source consent_source,
  new_source consent_source, old_at timestamptz, new_at timestamptz
) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF new_state IS NOT DISTINCT FROM old_state AND new_source IS NOT DISTINCT FROM old_source THEN
    RETURN;
  END IF;
  IF new_at IS NOT DISTINCT FROM old_at THEN
    RAISE EXCEPTION 'consent_% changed without recording its source and time', channel
      USING ERRCODE = '23514', CONSTRAINT = 'contacts_consent_' || channel || '_recorded';
  END IF;
  IF old_state = 'unsubscribed' AND old_source = 'keyword' AND new_source IS DISTINCT FROM 'keyword' THEN
    RAISE EXCEPTION 'consent_% was withdrawn by keyword: only the person''s own keyword changes it', channel
      USING ERRCODE = '23514', CONSTRAINT = 'contacts_consent_' || channel || '_keyword_lock';
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sb_consent_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sb_consent_change_check('sms', OLD.consent_sms, NEW.consent_sms, OLD.consent_sms_source,
    NEW.consent_sms_source, OLD.consent_sms_changed_at, NEW.consent_sms_changed_at);
  PERFORM sb_consent_change_check('whatsapp', OLD.consent_whatsapp, NEW.consent_whatsapp, OLD.consent_whatsapp_source,
    NEW.consent_whatsapp_source, OLD.consent_whatsapp_changed_at, NEW.consent_whatsapp_changed_at);
  PERFORM sb_consent_change_check('email', OLD.consent_email, NEW.consent_email, OLD.consent_email_source,
    NEW.consent_email_source, OLD.consent_email_changed_at, NEW.consent_email_changed_at);
  RETURN NEW;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS contacts_consent_guard ON contacts;
--> statement-breakpoint
CREATE TRIGGER contacts_consent_guard BEFORE UPDATE OF consent_sms, consent_sms_source, consent_sms_changed_at,
  consent_whatsapp, consent_whatsapp_source, consent_whatsapp_changed_at,
  consent_email, consent_email_source, consent_email_changed_at ON contacts
  FOR EACH ROW EXECUTE FUNCTION sb_consent_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sb_attribute_text(ws uuid, attrs jsonb) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT string_agg(e.value, ' ' ORDER BY e.key COLLATE "C")
  FROM jsonb_each_text(attrs) e
  WHERE e.key IN (SELECT d.key FROM attribute_definitions d WHERE d.workspace_id = ws AND d.type IN ('text', 'dropdown'))
$$;
--> statement-breakpoint
-- attribute_text in key order, as sb_attribute_text and the app now compute it.
UPDATE contacts c SET attribute_text = sb_attribute_text(c.workspace_id, c.attributes) WHERE c.attribute_text IS NOT NULL;
