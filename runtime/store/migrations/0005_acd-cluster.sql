CREATE TABLE "acd_nodes" (
	"node" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "acd_operator_presence" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "acd_operator_presence" ADD COLUMN "extension" text;--> statement-breakpoint
ALTER TABLE "acd_operator_presence" ADD COLUMN "endpoint" text;--> statement-breakpoint
ALTER TABLE "acd_operator_presence" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "acd_operator_presence_free_idx" ON "acd_operator_presence" USING btree ("tenant_id","updated_at") WHERE "acd_operator_presence"."takes_calls" and "acd_operator_presence"."call_id" is null;