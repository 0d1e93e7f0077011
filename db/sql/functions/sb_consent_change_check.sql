-- One channel's part of the consent guard (sb_consent_guard). A changed state
-- or source must come with a new change time (a writer that forgets to record
-- who changed consent fails loudly), and a channel unsubscribed by the
-- person's own keyword (STOP...) is changed only by another keyword of theirs
-- (START...): no import, form, dialog, bulk action, API call or merge lifts it.
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
