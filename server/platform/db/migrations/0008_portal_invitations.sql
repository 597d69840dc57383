CREATE TABLE "portal_invitations" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "portal_invitations_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "portal_invitations_token" ON "portal_invitations" USING btree ("firm_id","token_hash");--> statement-breakpoint
CREATE INDEX "portal_invitations_contact" ON "portal_invitations" USING btree ("firm_id","contact_id");