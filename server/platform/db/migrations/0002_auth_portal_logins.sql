CREATE TABLE "portal_logins" (
	"email" text NOT NULL,
	"firm_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	CONSTRAINT "portal_logins_email_firm_id_pk" PRIMARY KEY("email","firm_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_firm_hash" ON "api_tokens" USING btree ("firm_id","token_hash");