CREATE TABLE "billable_events" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"conversation_id" uuid,
	"source" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"message_count" integer DEFAULT 0 NOT NULL,
	"duration_seconds" integer NOT NULL,
	"description" text NOT NULL,
	"summary" text NOT NULL,
	"edited" boolean DEFAULT false NOT NULL,
	"collecting" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"time_entry_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billable_events_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "time_entries" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"billable_event_id" uuid NOT NULL,
	"source" text NOT NULL,
	"work_date" date NOT NULL,
	"billed_minutes" integer NOT NULL,
	"rate_cents" integer NOT NULL,
	"amount_cents" integer NOT NULL,
	"narrative" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_entries_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "timekeeper_rates" (
	"firm_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"rate_cents" integer NOT NULL,
	"classification" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "timekeeper_rates_firm_id_user_id_pk" PRIMARY KEY("firm_id","user_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "billable_events_collecting" ON "billable_events" USING btree ("firm_id","conversation_id","user_id") WHERE collecting;--> statement-breakpoint
CREATE INDEX "billable_events_user_started" ON "billable_events" USING btree ("firm_id","user_id","started_at");--> statement-breakpoint
CREATE INDEX "billable_events_started" ON "billable_events" USING btree ("firm_id","started_at");--> statement-breakpoint
CREATE INDEX "billable_events_conversation" ON "billable_events" USING btree ("firm_id","conversation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "time_entries_event" ON "time_entries" USING btree ("firm_id","billable_event_id");--> statement-breakpoint
CREATE INDEX "time_entries_date" ON "time_entries" USING btree ("firm_id","work_date");--> statement-breakpoint
CREATE INDEX "time_entries_user_date" ON "time_entries" USING btree ("firm_id","user_id","work_date");