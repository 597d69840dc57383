CREATE TABLE "sms_consent_ledger" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"phone" text NOT NULL,
	"firm_phone" text NOT NULL,
	"state" text NOT NULL,
	"cause" text NOT NULL,
	"keyword" text,
	"message_id" uuid,
	"by_user_id" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "sms_consent_ledger_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "sms_consent_states" (
	"firm_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"firm_phone" text NOT NULL,
	"state" text NOT NULL,
	"entry_id" uuid,
	"changed_at" timestamp with time zone,
	"revocation_message_id" uuid,
	"revocation_flagged_at" timestamp with time zone,
	CONSTRAINT "sms_consent_states_firm_id_phone_firm_phone_pk" PRIMARY KEY("firm_id","phone","firm_phone")
);
--> statement-breakpoint
CREATE INDEX "sms_consent_ledger_pair" ON "sms_consent_ledger" USING btree ("firm_id","phone","firm_phone","at");