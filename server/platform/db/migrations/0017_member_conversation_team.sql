-- A member row carries its conversation's team (conversations.team_id, the Message Center routing),
-- so the conversations a user sees through membership alone, outside their teams, are found in
-- their membership rows without visiting each conversation. Triggers keep the copy equal: a new
-- member row takes the conversation's team, and a conversation moved to another team moves its
-- members' copies in the same statement.
DROP INDEX "conversation_members_member";--> statement-breakpoint
ALTER TABLE "conversation_members" ADD COLUMN "conversation_team_id" uuid;--> statement-breakpoint
UPDATE "conversation_members" AS m SET "conversation_team_id" = c."team_id"
  FROM "conversations" AS c
  WHERE c."firm_id" = m."firm_id" AND c."id" = m."conversation_id" AND c."team_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "conversation_members_member" ON "conversation_members" USING btree ("firm_id","member_type","member_id","conversation_id","conversation_team_id");--> statement-breakpoint
CREATE FUNCTION conversation_members_take_team() RETURNS trigger AS $$
BEGIN
  SELECT c.team_id INTO NEW.conversation_team_id FROM conversations c
    WHERE c.firm_id = NEW.firm_id AND c.id = NEW.conversation_id;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER conversation_members_take_team BEFORE INSERT OR UPDATE OF conversation_id, conversation_team_id
  ON conversation_members FOR EACH ROW EXECUTE FUNCTION conversation_members_take_team();--> statement-breakpoint
CREATE FUNCTION conversations_move_members_team() RETURNS trigger AS $$
BEGIN
  UPDATE conversation_members SET conversation_team_id = NEW.team_id
    WHERE firm_id = NEW.firm_id AND conversation_id = NEW.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER conversations_move_members_team AFTER UPDATE OF team_id ON conversations
  FOR EACH ROW WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id)
  EXECUTE FUNCTION conversations_move_members_team();
