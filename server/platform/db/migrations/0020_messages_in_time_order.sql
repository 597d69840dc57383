-- A conversation's messages indexed in the order every read of them takes, (created_at, id): the
-- newest message of a list row is one probe, history pages and unread counts read in order without
-- sorting. A client may choose a message's id, so id order is not time order.
DROP INDEX "messages_conversation";--> statement-breakpoint
CREATE INDEX "messages_conversation" ON "messages" USING btree ("firm_id","conversation_id","created_at","id");