-- The Message Center dashboard's counts per team (mc_team_counts), kept by triggers on conversations:
-- an sms conversation that is added, changes status, waiting, assignee or team, or is removed moves
-- its team's counts in the same transaction. The rows are created from what is there now.
CREATE TABLE "mc_team_counts" (
	"firm_id" uuid NOT NULL,
	"team_id" uuid,
	"open" integer DEFAULT 0 NOT NULL,
	"waiting" integer DEFAULT 0 NOT NULL,
	"unassigned" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "mc_team_counts_team" UNIQUE NULLS NOT DISTINCT("firm_id","team_id")
);--> statement-breakpoint
INSERT INTO "mc_team_counts" ("firm_id", "team_id", "open", "waiting", "unassigned", "closed")
  SELECT "firm_id", "team_id",
    count(*) FILTER (WHERE "status" = 'open'),
    count(*) FILTER (WHERE "status" = 'open' AND "waiting_since" IS NOT NULL),
    count(*) FILTER (WHERE "status" = 'open' AND "assignee_id" IS NULL),
    count(*) FILTER (WHERE "status" = 'closed')
  FROM "conversations" WHERE "kind" = 'sms' GROUP BY "firm_id", "team_id";--> statement-breakpoint
-- What one conversation adds to its team's counts (zeros for another kind): the dashboard filters as
-- list-conversations.ts defines them.
CREATE FUNCTION mc_team_counts_of(c conversations) RETURNS int[] AS $$
  SELECT CASE WHEN c.kind IS DISTINCT FROM 'sms' THEN ARRAY[0, 0, 0, 0] ELSE ARRAY[
    (c.status = 'open')::int,
    (c.status = 'open' AND c.waiting_since IS NOT NULL)::int,
    (c.status = 'open' AND c.assignee_id IS NULL)::int,
    (c.status = 'closed')::int] END
$$ LANGUAGE sql IMMUTABLE;--> statement-breakpoint
CREATE FUNCTION mc_team_counts_add(firm uuid, team uuid, d int[]) RETURNS void AS $$
BEGIN
  IF d = ARRAY[0, 0, 0, 0] THEN RETURN; END IF;
  INSERT INTO mc_team_counts AS t (firm_id, team_id, open, waiting, unassigned, closed)
    VALUES (firm, team, d[1], d[2], d[3], d[4])
    ON CONFLICT (firm_id, team_id) DO UPDATE SET
      open = t.open + excluded.open, waiting = t.waiting + excluded.waiting,
      unassigned = t.unassigned + excluded.unassigned, closed = t.closed + excluded.closed;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
-- A change within one team is one net change of its row (none when no count moves); a move between
-- teams changes both rows, in team order, so two opposite moves cannot deadlock on them.
CREATE FUNCTION mc_team_counts_follow() RETURNS trigger AS $$
DECLARE
  before int[] := ARRAY[0, 0, 0, 0];
  after int[] := ARRAY[0, 0, 0, 0];
  removed int[];
BEGIN
  IF TG_OP <> 'INSERT' THEN before := mc_team_counts_of(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN after := mc_team_counts_of(NEW); END IF;
  removed := ARRAY[-before[1], -before[2], -before[3], -before[4]];
  IF TG_OP = 'INSERT' THEN
    PERFORM mc_team_counts_add(NEW.firm_id, NEW.team_id, after);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM mc_team_counts_add(OLD.firm_id, OLD.team_id, removed);
  ELSIF OLD.firm_id = NEW.firm_id AND OLD.team_id IS NOT DISTINCT FROM NEW.team_id THEN
    PERFORM mc_team_counts_add(NEW.firm_id, NEW.team_id, ARRAY[
      after[1] - before[1], after[2] - before[2], after[3] - before[3], after[4] - before[4]]);
  ELSIF OLD.team_id IS NULL OR (NEW.team_id IS NOT NULL AND OLD.team_id < NEW.team_id) THEN
    PERFORM mc_team_counts_add(OLD.firm_id, OLD.team_id, removed);
    PERFORM mc_team_counts_add(NEW.firm_id, NEW.team_id, after);
  ELSE
    PERFORM mc_team_counts_add(NEW.firm_id, NEW.team_id, after);
    PERFORM mc_team_counts_add(OLD.firm_id, OLD.team_id, removed);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER mc_team_counts_insert AFTER INSERT ON conversations
  FOR EACH ROW WHEN (NEW.kind = 'sms') EXECUTE FUNCTION mc_team_counts_follow();--> statement-breakpoint
CREATE TRIGGER mc_team_counts_update AFTER UPDATE OF firm_id, kind, status, waiting_since, assignee_id, team_id
  ON conversations FOR EACH ROW WHEN (OLD.kind = 'sms' OR NEW.kind = 'sms')
  EXECUTE FUNCTION mc_team_counts_follow();--> statement-breakpoint
CREATE TRIGGER mc_team_counts_delete AFTER DELETE ON conversations
  FOR EACH ROW WHEN (OLD.kind = 'sms') EXECUTE FUNCTION mc_team_counts_follow();
