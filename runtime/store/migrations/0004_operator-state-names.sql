-- One vocabulary for operator states: the ACD's names (runtime/acd/operator-states.ts). Stored rows
-- written before in other spellings ('logged-out', 'ready', 'not_ready', 'wrapup' …) are renamed;
-- tenant-defined states are left as they are.
ALTER TABLE "operators" ALTER COLUMN "state" SET DEFAULT 'LoggedOut';--> statement-breakpoint
CREATE FUNCTION "callflow_acd_state_name"(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE lower(replace(replace(replace(name, '-', ''), '_', ''), ' ', ''))
    WHEN 'ready' THEN 'Ready'
    WHEN 'notready' THEN 'NotReady'
    WHEN 'lunch' THEN 'Lunch'
    WHEN 'break' THEN 'Break'
    WHEN 'busy' THEN 'Busy'
    WHEN 'wrapup' THEN 'WrapUp'
    WHEN 'loggedout' THEN 'LoggedOut'
    ELSE name
  END
$$;--> statement-breakpoint
UPDATE "operators" SET "state" = "callflow_acd_state_name"("state")
  WHERE "state" IS DISTINCT FROM "callflow_acd_state_name"("state");--> statement-breakpoint
UPDATE "operator_state_log"
  SET "from_state" = "callflow_acd_state_name"("from_state"), "to_state" = "callflow_acd_state_name"("to_state")
  WHERE "from_state" IS DISTINCT FROM "callflow_acd_state_name"("from_state")
     OR "to_state" IS DISTINCT FROM "callflow_acd_state_name"("to_state");--> statement-breakpoint
DROP FUNCTION "callflow_acd_state_name"(text);
