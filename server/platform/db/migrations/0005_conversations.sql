CREATE TABLE "conversation_keys" (
	"firm_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"wrapped_key" text NOT NULL,
	CONSTRAINT "conversation_keys_firm_id_conversation_id_pk" PRIMARY KEY("firm_id","conversation_id")
);
--> statement-breakpoint
CREATE TABLE "conversation_members" (
	"firm_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"member_type" text NOT NULL,
	"member_id" uuid NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"muted" boolean DEFAULT false NOT NULL,
	"last_read_message_id" uuid,
	"last_read_at" timestamp with time zone,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_members_firm_id_conversation_id_member_type_member_id_pk" PRIMARY KEY("firm_id","conversation_id","member_type","member_id")
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"subject_sealed" text,
	"matter_id" uuid,
	"contact_id" uuid,
	"contact_phone" text,
	"firm_phone" text,
	"team_id" uuid,
	"assignee_id" uuid,
	"created_by" uuid,
	"last_message_at" timestamp with time zone,
	"waiting_since" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversations_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "firm_numbers" (
	"e164" text PRIMARY KEY NOT NULL,
	"firm_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_receipts" (
	"key" text PRIMARY KEY NOT NULL,
	"firm_id" uuid NOT NULL,
	"message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_deliveries" (
	"firm_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"status" text NOT NULL,
	"provider_id" text,
	"segments" integer,
	"error_code" text,
	"conversation_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_deliveries_firm_id_message_id_channel_recipient_pk" PRIMARY KEY("firm_id","message_id","channel","recipient")
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"author_type" text NOT NULL,
	"author_id" uuid,
	"body_sealed" text NOT NULL,
	"format" text DEFAULT 'text' NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"kind" text DEFAULT 'message' NOT NULL,
	"source" text DEFAULT 'web' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messages_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"conversation_id" uuid,
	"message_id" uuid,
	"matter_id" uuid,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "secure_chat_links" (
	"firm_id" uuid NOT NULL,
	"firm_phone" text NOT NULL,
	"client_phone" text NOT NULL,
	"conversation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "secure_chat_links_firm_id_firm_phone_client_phone_pk" PRIMARY KEY("firm_id","firm_phone","client_phone")
);
--> statement-breakpoint
CREATE INDEX "conversation_members_member" ON "conversation_members" USING btree ("firm_id","member_type","member_id");--> statement-breakpoint
CREATE INDEX "conversations_matter" ON "conversations" USING btree ("firm_id","matter_id");--> statement-breakpoint
CREATE INDEX "conversations_kind_recent" ON "conversations" USING btree ("firm_id","kind","last_message_at");--> statement-breakpoint
CREATE INDEX "conversations_contact_phone" ON "conversations" USING btree ("firm_id","contact_phone");--> statement-breakpoint
CREATE INDEX "firm_numbers_firm" ON "firm_numbers" USING btree ("firm_id","purpose");--> statement-breakpoint
CREATE INDEX "message_deliveries_provider" ON "message_deliveries" USING btree ("firm_id","provider_id");--> statement-breakpoint
CREATE INDEX "messages_conversation" ON "messages" USING btree ("firm_id","conversation_id","id");--> statement-breakpoint
CREATE INDEX "notifications_user" ON "notifications" USING btree ("firm_id","user_id","id");--> statement-breakpoint
CREATE INDEX "notifications_conversation" ON "notifications" USING btree ("firm_id","conversation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "secure_chat_links_conversation" ON "secure_chat_links" USING btree ("firm_id","conversation_id");