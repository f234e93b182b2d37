CREATE TABLE "media" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"number_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"wa_media_id" text,
	"status" text NOT NULL,
	"mime_type" text,
	"filename" text,
	"size" bigint,
	"sha256" text,
	"storage_key" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"waba_id" text NOT NULL,
	"meta_id" text,
	"name" text NOT NULL,
	"language" text NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"parameter_format" text DEFAULT 'POSITIONAL' NOT NULL,
	"components" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waba_credentials" (
	"waba_id" text PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"access_token" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_inbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"body" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"processed_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "origin" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "send_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sending_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "status_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "numbers" ADD COLUMN "throughput_level" text DEFAULT 'STANDARD' NOT NULL;--> statement-breakpoint
ALTER TABLE "numbers" ADD COLUMN "messaging_tier" text;--> statement-breakpoint
ALTER TABLE "numbers" ADD COLUMN "wa_status" text;--> statement-breakpoint
ALTER TABLE "numbers" ADD COLUMN "verified_name" text;--> statement-breakpoint
ALTER TABLE "numbers" ADD COLUMN "details_refreshed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "waba_credentials" ADD CONSTRAINT "waba_credentials_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_pending" ON "media" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "templates_waba_name_lang" ON "templates" USING btree ("waba_id","name","language");--> statement-breakpoint
CREATE INDEX "webhook_inbox_pending" ON "webhook_inbox" USING btree ("id") WHERE processed_at is null;--> statement-breakpoint
CREATE INDEX "messages_send_queue" ON "messages" USING btree ("next_attempt_at") WHERE status in ('queued', 'sending');