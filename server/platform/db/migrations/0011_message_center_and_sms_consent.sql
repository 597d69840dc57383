CREATE TABLE "mc_campaigns" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"team_id" uuid NOT NULL,
	"help_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "mc_campaigns_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "mc_groups" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "mc_groups_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "mc_locations" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"name" text NOT NULL,
	"postal_code" text,
	"lat" double precision,
	"lng" double precision,
	"ideal_miles" double precision,
	"max_miles" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "mc_locations_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "mc_quick_replies" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "mc_quick_replies_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
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
ALTER TABLE "conversations" ADD COLUMN "campaign_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "unclaimed_since" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "mc_campaigns_location" ON "mc_campaigns" USING btree ("firm_id","location_id");--> statement-breakpoint
CREATE INDEX "mc_campaigns_phone" ON "mc_campaigns" USING btree ("firm_id","phone");--> statement-breakpoint
CREATE INDEX "mc_locations_group" ON "mc_locations" USING btree ("firm_id","group_id");--> statement-breakpoint
CREATE INDEX "mc_quick_replies_group" ON "mc_quick_replies" USING btree ("firm_id","group_id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "sms_consent_ledger_pair" ON "sms_consent_ledger" USING btree ("firm_id","phone","firm_phone","at");--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_sms_open_pair" ON "conversations" USING btree ("firm_id","contact_phone","firm_phone") WHERE kind = 'sms' and status = 'open';--> statement-breakpoint
CREATE INDEX "conversations_sms_open" ON "conversations" USING btree ("firm_id","team_id",coalesce(last_message_at, created_at) desc,"id" DESC NULLS LAST) WHERE kind = 'sms' and status = 'open';--> statement-breakpoint
CREATE INDEX "conversations_sms_closed" ON "conversations" USING btree ("firm_id","team_id",coalesce(last_message_at, created_at) desc,"id" DESC NULLS LAST) WHERE kind = 'sms' and status = 'closed';--> statement-breakpoint
CREATE INDEX "conversations_sms_unassigned" ON "conversations" USING btree ("firm_id","team_id",coalesce(last_message_at, created_at) desc,"id" DESC NULLS LAST) WHERE kind = 'sms' and status = 'open' and assignee_id is null;--> statement-breakpoint
CREATE INDEX "conversations_sms_waiting" ON "conversations" USING btree ("firm_id","team_id",coalesce(last_message_at, created_at) desc,"id" DESC NULLS LAST) WHERE kind = 'sms' and status = 'open' and waiting_since is not null;--> statement-breakpoint
CREATE INDEX "conversations_sms_mine" ON "conversations" USING btree ("firm_id","assignee_id",coalesce(last_message_at, created_at) desc,"id" DESC NULLS LAST) WHERE kind = 'sms' and status = 'open';