CREATE TABLE "sms_auto_replies" (
	"firm_id" uuid NOT NULL,
	"client_phone" text NOT NULL,
	"kind" text NOT NULL,
	"last_sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sms_auto_replies_firm_id_client_phone_kind_pk" PRIMARY KEY("firm_id","client_phone","kind")
);
