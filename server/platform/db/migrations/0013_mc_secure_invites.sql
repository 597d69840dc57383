CREATE TABLE "mc_secure_invites" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"firm_phone" text NOT NULL,
	"invited_by" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"token_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone,
	"code_hash" text,
	"code_sealed" text,
	"code_sent_at" timestamp with time zone,
	"code_expires_at" timestamp with time zone,
	"codes_sent" integer DEFAULT 0 NOT NULL,
	"wrong_codes" integer DEFAULT 0 NOT NULL,
	"verified_at" timestamp with time zone,
	"device_hash" text,
	"csrf_token" text,
	"revoked_at" timestamp with time zone,
	"burnt_at" timestamp with time zone,
	CONSTRAINT "mc_secure_invites_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "channel" text;--> statement-breakpoint
CREATE UNIQUE INDEX "mc_secure_invites_token" ON "mc_secure_invites" USING btree ("firm_id","token_hash");--> statement-breakpoint
CREATE INDEX "mc_secure_invites_conversation" ON "mc_secure_invites" USING btree ("firm_id","conversation_id");