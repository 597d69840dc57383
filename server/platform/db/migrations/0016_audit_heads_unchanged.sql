-- An append locks its firm's head with an upsert that rewrites the head unchanged (one statement that
-- creates a first head, waits for a concurrent append's lock and returns the head it continues from).
-- That update leaves the head where it was, so it is let through; moving the head backwards, keeping
-- its seq with another hash, or removing it is still refused.
CREATE OR REPLACE FUNCTION audit_heads_forward_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.firm_id <> OLD.firm_id THEN
    RAISE EXCEPTION 'audit_heads only moves forward';
  END IF;
  IF NEW.seq = OLD.seq AND NEW.hash = OLD.hash THEN
    RETURN NEW;
  END IF;
  IF NEW.seq <= OLD.seq THEN
    RAISE EXCEPTION 'audit_heads only moves forward';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
