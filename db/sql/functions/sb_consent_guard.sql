-- The consent guard on contacts: each channel through sb_consent_change_check.
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
