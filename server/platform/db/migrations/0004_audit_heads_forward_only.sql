-- An audit head only moves forward and is never removed, so cutting entries off the end of a chain
-- (and the head with them) cannot pass verification without disabling this trigger.
CREATE OR REPLACE FUNCTION audit_heads_forward_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.firm_id <> OLD.firm_id OR NEW.seq <= OLD.seq THEN
    RAISE EXCEPTION 'audit_heads only moves forward';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_heads_forward_only BEFORE UPDATE OR DELETE ON audit_heads
  FOR EACH ROW EXECUTE FUNCTION audit_heads_forward_only();
--> statement-breakpoint
-- Chains written before heads existed start with their current newest entry.
INSERT INTO audit_heads (firm_id, seq, hash)
  SELECT DISTINCT ON (firm_id) firm_id, seq, hash FROM audit_log ORDER BY firm_id, seq DESC
  ON CONFLICT (firm_id) DO NOTHING;
