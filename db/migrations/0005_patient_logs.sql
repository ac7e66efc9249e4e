CREATE TYPE "public"."relief_tool" AS ENUM('massage_gun', 'foam_roller', 'topical', 'medication', 'other');--> statement-breakpoint
CREATE TYPE "public"."symptom" AS ENUM('spasm', 'cramp', 'stiffness', 'clonus', 'twitching');--> statement-breakpoint
CREATE TYPE "public"."log_trigger" AS ENUM('uti', 'infection', 'relapse', 'pressure_sore', 'constipation', 'heat', 'poor_sleep', 'dehydration', 'stress');--> statement-breakpoint
CREATE TABLE "daily_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"log_date" date NOT NULL,
	"spasticity_nrs" smallint,
	"pain" smallint,
	"penn_frequency" smallint,
	"penn_severity" smallint,
	"symptoms" "symptom"[] DEFAULT '{}' NOT NULL,
	"triggers" "log_trigger"[] DEFAULT '{}' NOT NULL,
	"new_weakness" boolean DEFAULT false NOT NULL,
	"wasting" boolean DEFAULT false NOT NULL,
	"relief" "relief_tool"[] DEFAULT '{}' NOT NULL,
	"water_glasses" smallint,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "daily_logs_nrs" CHECK ("daily_logs"."spasticity_nrs" between 0 and 10),
	CONSTRAINT "daily_logs_pain" CHECK ("daily_logs"."pain" between 0 and 10),
	CONSTRAINT "daily_logs_penn_frequency" CHECK ("daily_logs"."penn_frequency" between 0 and 4),
	CONSTRAINT "daily_logs_penn_severity" CHECK ("daily_logs"."penn_severity" between 1 and 3),
	CONSTRAINT "daily_logs_severity_needs_frequency" CHECK ("daily_logs"."penn_severity" is null or "daily_logs"."penn_frequency" > 0),
	CONSTRAINT "daily_logs_water" CHECK ("daily_logs"."water_glasses" between 0 and 40),
	CONSTRAINT "daily_logs_note_len" CHECK (char_length("daily_logs"."note") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "log_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"log_id" uuid NOT NULL,
	"program_item_id" uuid NOT NULL,
	"sessions_done" smallint NOT NULL,
	CONSTRAINT "log_items_sessions" CHECK ("log_items"."sessions_done" between 0 and 5)
);
--> statement-breakpoint
CREATE TABLE "log_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"reviewed_through" date NOT NULL,
	"note" text,
	"reviewed_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "log_reviews_note_len" CHECK (char_length("log_reviews"."note") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "daily_logs" ADD CONSTRAINT "daily_logs_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_logs" ADD CONSTRAINT "daily_logs_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_items" ADD CONSTRAINT "log_items_log_id_daily_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."daily_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_items" ADD CONSTRAINT "log_items_program_item_id_program_items_id_fk" FOREIGN KEY ("program_item_id") REFERENCES "public"."program_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_reviews" ADD CONSTRAINT "log_reviews_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_reviews" ADD CONSTRAINT "log_reviews_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_reviews" ADD CONSTRAINT "log_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "daily_logs_patient_date_key" ON "daily_logs" USING btree ("patient_id","log_date");--> statement-breakpoint
CREATE INDEX "daily_logs_clinic_date_idx" ON "daily_logs" USING btree ("clinic_id","log_date");--> statement-breakpoint
CREATE UNIQUE INDEX "log_items_log_item_key" ON "log_items" USING btree ("log_id","program_item_id");--> statement-breakpoint
CREATE INDEX "log_reviews_patient_idx" ON "log_reviews" USING btree ("patient_id","created_at");