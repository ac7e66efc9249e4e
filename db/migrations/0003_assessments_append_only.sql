-- Assessments and their scores are clinical records: corrected by amendment, never changed.
CREATE OR REPLACE FUNCTION clinical_record_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused): record an amendment instead', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER assessments_append_only BEFORE UPDATE OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION clinical_record_append_only();
--> statement-breakpoint
CREATE TRIGGER mas_scores_append_only BEFORE UPDATE OR DELETE ON mas_scores
  FOR EACH ROW EXECUTE FUNCTION clinical_record_append_only();
