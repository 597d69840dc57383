CREATE TABLE "api_tokens" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"firm_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"ip" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_log_firm_id_seq_pk" PRIMARY KEY("firm_id","seq")
);
--> statement-breakpoint
CREATE TABLE "contact_emails" (
	"firm_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"email" text NOT NULL,
	"label" text,
	CONSTRAINT "contact_emails_firm_id_contact_id_position_pk" PRIMARY KEY("firm_id","contact_id","position")
);
--> statement-breakpoint
CREATE TABLE "contact_phones" (
	"firm_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"e164" text NOT NULL,
	"label" text,
	CONSTRAINT "contact_phones_firm_id_contact_id_position_pk" PRIMARY KEY("firm_id","contact_id","position")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text,
	"coordinator_id" uuid,
	"portal_status" text DEFAULT 'none' NOT NULL,
	"portal_password_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contacts_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "firms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"wrapped_key" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "matter_assignees" (
	"firm_id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "matter_assignees_firm_id_matter_id_user_id_pk" PRIMARY KEY("firm_id","matter_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "matter_contacts" (
	"firm_id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matter_contacts_firm_id_matter_id_contact_id_pk" PRIMARY KEY("firm_id","matter_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "matters" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matters_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"firm_id" uuid NOT NULL,
	"id" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text,
	CONSTRAINT "sessions_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "staff_logins" (
	"email" text PRIMARY KEY NOT NULL,
	"firm_id" uuid NOT NULL,
	"user_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"firm_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "team_members_firm_id_team_id_user_id_pk" PRIMARY KEY("firm_id","team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teams_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"firm_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"permissions" text[] DEFAULT '{}'::text[] NOT NULL,
	"password_hash" text NOT NULL,
	"totp_secret" text,
	"totp_enabled" boolean DEFAULT false NOT NULL,
	"totp_last_step" bigint,
	"active" boolean DEFAULT true NOT NULL,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_firm_id_id_pk" PRIMARY KEY("firm_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_firm_id" ON "audit_log" USING btree ("firm_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("firm_id","at");--> statement-breakpoint
CREATE INDEX "contact_emails_address" ON "contact_emails" USING btree ("firm_id","email");--> statement-breakpoint
CREATE INDEX "contact_phones_number" ON "contact_phones" USING btree ("firm_id","e164");--> statement-breakpoint
CREATE INDEX "matter_assignees_user" ON "matter_assignees" USING btree ("firm_id","user_id");--> statement-breakpoint
CREATE INDEX "matter_contacts_contact" ON "matter_contacts" USING btree ("firm_id","contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "matters_firm_number" ON "matters" USING btree ("firm_id","number");--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "sessions_subject" ON "sessions" USING btree ("firm_id","subject_id");--> statement-breakpoint
CREATE INDEX "team_members_user" ON "team_members" USING btree ("firm_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_firm_kind_name" ON "teams" USING btree ("firm_id","kind","name");--> statement-breakpoint
CREATE UNIQUE INDEX "users_firm_email" ON "users" USING btree ("firm_id","email");