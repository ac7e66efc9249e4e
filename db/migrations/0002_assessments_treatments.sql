CREATE TYPE "public"."mas_grade" AS ENUM('0', '1', '1+', '2', '3', '4');--> statement-breakpoint
CREATE TYPE "public"."muscle_group" AS ENUM('hip_flexors', 'hip_adductors', 'hip_extensors', 'knee_flexors', 'knee_extensors', 'ankle_plantarflexors', 'shoulder_adductors', 'elbow_flexors', 'elbow_extensors', 'forearm_pronators', 'wrist_flexors', 'finger_flexors');--> statement-breakpoint
CREATE TYPE "public"."oral_drug" AS ENUM('baclofen', 'gabapentin', 'tizanidine', 'dantrolene', 'nabiximols', 'other');--> statement-breakpoint
CREATE TYPE "public"."patient_position" AS ENUM('supine', 'sitting', 'standing', 'side_lying');--> statement-breakpoint
CREATE TYPE "public"."side" AS ENUM('left', 'right');--> statement-breakpoint
CREATE TYPE "public"."stop_reason" AS ENUM('ineffective', 'side_effects', 'other');--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"root_id" uuid NOT NULL,
	"supersedes_id" uuid,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"assessor_id" uuid NOT NULL,
	"assessed_on" date NOT NULL,
	"position" "patient_position" NOT NULL,
	"hours_since_oral_dose" integer,
	"days_since_toxin" integer,
	"fasciculations" boolean DEFAULT false NOT NULL,
	"weakness" boolean DEFAULT false NOT NULL,
	"wasting" boolean DEFAULT false NOT NULL,
	"notes" text,
	"amendment_reason" text,
	"seq" bigserial NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_notes_len" CHECK (char_length("assessments"."notes") <= 4000),
	CONSTRAINT "assessments_reason_len" CHECK (char_length("assessments"."amendment_reason") <= 1000),
	CONSTRAINT "assessments_amendment_reason" CHECK (("assessments"."supersedes_id" is null) = ("assessments"."amendment_reason" is null)),
	CONSTRAINT "assessments_hours" CHECK ("assessments"."hours_since_oral_dose" between 0 and 10000),
	CONSTRAINT "assessments_days" CHECK ("assessments"."days_since_toxin" between 0 and 100000)
);
--> statement-breakpoint
CREATE TABLE "intrathecal_pumps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"started_on" date NOT NULL,
	"stopped_on" date,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intrathecal_dates" CHECK ("intrathecal_pumps"."stopped_on" is null or "intrathecal_pumps"."stopped_on" >= "intrathecal_pumps"."started_on")
);
--> statement-breakpoint
CREATE TABLE "mas_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"muscle_group" "muscle_group" NOT NULL,
	"side" "side" NOT NULL,
	"grade" "mas_grade" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oral_treatments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"drug" "oral_drug" NOT NULL,
	"drug_other" text,
	"dose" text NOT NULL,
	"started_on" date NOT NULL,
	"stopped_on" date,
	"stop_reason" "stop_reason",
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oral_treatments_dates" CHECK ("oral_treatments"."stopped_on" is null or "oral_treatments"."stopped_on" >= "oral_treatments"."started_on"),
	CONSTRAINT "oral_treatments_dose_len" CHECK (char_length("oral_treatments"."dose") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "toxin_injections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"injected_on" date NOT NULL,
	"muscle_group" "muscle_group" NOT NULL,
	"side" "side" NOT NULL,
	"units" integer NOT NULL,
	"product" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "toxin_units" CHECK ("toxin_injections"."units" between 1 and 1000),
	CONSTRAINT "toxin_product_len" CHECK (char_length("toxin_injections"."product") between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intrathecal_pumps" ADD CONSTRAINT "intrathecal_pumps_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intrathecal_pumps" ADD CONSTRAINT "intrathecal_pumps_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intrathecal_pumps" ADD CONSTRAINT "intrathecal_pumps_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mas_scores" ADD CONSTRAINT "mas_scores_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oral_treatments" ADD CONSTRAINT "oral_treatments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oral_treatments" ADD CONSTRAINT "oral_treatments_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oral_treatments" ADD CONSTRAINT "oral_treatments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toxin_injections" ADD CONSTRAINT "toxin_injections_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toxin_injections" ADD CONSTRAINT "toxin_injections_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toxin_injections" ADD CONSTRAINT "toxin_injections_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessments_supersedes_key" ON "assessments" USING btree ("supersedes_id");--> statement-breakpoint
CREATE INDEX "assessments_patient_date_idx" ON "assessments" USING btree ("patient_id","assessed_on");--> statement-breakpoint
CREATE INDEX "assessments_root_idx" ON "assessments" USING btree ("root_id");--> statement-breakpoint
CREATE INDEX "intrathecal_pumps_patient_idx" ON "intrathecal_pumps" USING btree ("patient_id","started_on");--> statement-breakpoint
CREATE UNIQUE INDEX "mas_scores_assessment_key" ON "mas_scores" USING btree ("assessment_id","muscle_group","side");--> statement-breakpoint
CREATE INDEX "oral_treatments_patient_idx" ON "oral_treatments" USING btree ("patient_id","started_on");--> statement-breakpoint
CREATE INDEX "toxin_injections_patient_idx" ON "toxin_injections" USING btree ("patient_id","injected_on");