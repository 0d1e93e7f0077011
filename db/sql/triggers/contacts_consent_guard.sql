-- Fires only for statements that set a consent column, so bulk edits of other
-- fields (and every insert: the recorded-source CHECKs cover those) pay nothing.
CREATE TRIGGER contacts_consent_guard BEFORE UPDATE OF consent_sms, consent_sms_source, consent_sms_changed_at,
  consent_whatsapp, consent_whatsapp_source, consent_whatsapp_changed_at,
  consent_email, consent_email_source, consent_email_changed_at ON contacts
  FOR EACH ROW EXECUTE FUNCTION sb_consent_guard();
