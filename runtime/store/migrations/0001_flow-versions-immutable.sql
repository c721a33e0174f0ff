-- Custom SQL migration file, put your code below! ---- ARCHITECTURE decision 6: a deployed flow version is immutable. The schema cannot say this, so a
-- trigger refuses every UPDATE of flow_versions, whoever sends it. (Deleting a whole flow still
-- cascades; TRUNCATE in tests does not fire row triggers.)
CREATE FUNCTION callflow_refuse_version_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'flow versions are immutable: version % of flow % cannot be changed', OLD.number, OLD.flow_id
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER flow_versions_immutable BEFORE UPDATE ON flow_versions
  FOR EACH ROW EXECUTE FUNCTION callflow_refuse_version_update();
