CREATE TABLE "mc_consumers" (
	"firm_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"details_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "mc_consumers_firm_id_phone_pk" PRIMARY KEY("firm_id","phone")
);
