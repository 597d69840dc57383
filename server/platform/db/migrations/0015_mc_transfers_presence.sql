CREATE TABLE "user_presence" (
	"firm_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "user_presence_firm_id_user_id_process_id_pk" PRIMARY KEY("firm_id","user_id","process_id")
);
--> statement-breakpoint
CREATE TABLE "mc_transfers" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"by_user_id" uuid NOT NULL,
	"from_user_id" uuid,
	"from_team_id" uuid,
	"to_user_id" uuid,
	"to_team_id" uuid,
	"note_message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	CONSTRAINT "mc_transfers_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE INDEX "mc_transfers_conversation" ON "mc_transfers" USING btree ("firm_id","conversation_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "mc_transfers_one_pending" ON "mc_transfers" USING btree ("firm_id","conversation_id") WHERE status = 'pending';