ALTER TABLE "flag_computations" ADD COLUMN "highest_latest_grade" "mas_grade";--> statement-breakpoint
ALTER TABLE "flag_computations" ADD COLUMN "last_assessed_on" date;--> statement-breakpoint
-- Backfill from the effective assessments. A patient assessed but never recomputed gets a marker
-- in the past, so that their flags are recomputed when their record is next opened.
INSERT INTO "flag_computations" ("patient_id", "computed_on", "highest_latest_grade", "last_assessed_on")
SELECT "patient_id", DATE '1970-01-01', max("grade"), max("assessed_on")
FROM (
  SELECT DISTINCT ON (a."patient_id", m."muscle_group", m."side") a."patient_id", m."grade", a."assessed_on"
  FROM "assessments" a
  JOIN "mas_scores" m ON m."assessment_id" = a."id"
  WHERE NOT EXISTS (SELECT 1 FROM "assessments" later WHERE later."supersedes_id" = a."id")
  ORDER BY a."patient_id", m."muscle_group", m."side", a."assessed_on" DESC, a."seq" DESC
) latest
GROUP BY "patient_id"
ON CONFLICT ("patient_id") DO UPDATE SET
  "highest_latest_grade" = excluded."highest_latest_grade",
  "last_assessed_on" = excluded."last_assessed_on";
