CREATE TABLE "acd_operator_presence" (
	"tenant_id" text NOT NULL,
	"operator_id" text NOT NULL,
	"state" text NOT NULL,
	"takes_calls" boolean DEFAULT false NOT NULL,
	"call_id" text,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"queues" text[] DEFAULT '{}'::text[] NOT NULL,
	"node" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "acd_operator_presence_tenant_id_operator_id_pk" PRIMARY KEY("tenant_id","operator_id")
);
--> statement-breakpoint
CREATE TABLE "acd_waiting_callers" (
	"tenant_id" text NOT NULL,
	"call_id" text NOT NULL,
	"queue" text NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"seq" bigserial NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"enqueued_at" timestamp with time zone NOT NULL,
	"node" text NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"operator_id" text,
	"offered_at" timestamp with time zone,
	CONSTRAINT "acd_waiting_callers_tenant_id_call_id_pk" PRIMARY KEY("tenant_id","call_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "acd_operator_presence_call_key" ON "acd_operator_presence" USING btree ("tenant_id","call_id") WHERE "acd_operator_presence"."call_id" is not null;--> statement-breakpoint
CREATE INDEX "acd_waiting_callers_line_idx" ON "acd_waiting_callers" USING btree ("tenant_id","queue","status","priority" DESC NULLS LAST,"seq");--> statement-breakpoint
CREATE INDEX "acd_waiting_callers_offered_idx" ON "acd_waiting_callers" USING btree ("status","offered_at");