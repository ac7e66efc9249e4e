CREATE TYPE "public"."flag_kind" AS ENUM('BOTOX_REFERRAL', 'BACLOFEN_REVIEW', 'SURGICAL_REFERRAL', 'REASSESS_AFTER_BOTOX', 'TRIGGER_REVIEW', 'MAS4_REVIEW', 'NEURO_REVIEW');--> statement-breakpoint
CREATE TYPE "public"."flag_status" AS ENUM('open', 'acknowledged', 'referred', 'dismissed', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."referral_goal" AS ENUM('pain', 'care_hygiene', 'mobility_function', 'contracture_prevention', 'other');--> statement-breakpoint
CREATE TABLE "flag_computations" (
	"patient_id" uuid PRIMARY KEY NOT NULL,
	"computed_on" date NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" "flag_kind" NOT NULL,
	"keys" jsonb NOT NULL,
	"action" text,
	"reason" text NOT NULL,
	"basis" jsonb NOT NULL,
	"basis_hash" text NOT NULL,
	"status" "flag_status" DEFAULT 'open' NOT NULL,
	"status_by" uuid,
	"status_at" timestamp with time zone,
	"resolution_note" text,
	"referral_target" text,
	"referral_date" date,
	"referral_goal" "referral_goal",
	"raised_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flags_note_len" CHECK (char_length("flags"."resolution_note") <= 2000),
	CONSTRAINT "flags_target_len" CHECK (char_length("flags"."referral_target") <= 200)
);
--> statement-breakpoint
ALTER TABLE "flag_computations" ADD CONSTRAINT "flag_computations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_status_by_users_id_fk" FOREIGN KEY ("status_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "flags_patient_idx" ON "flags" USING btree ("patient_id","kind","created_at");--> statement-breakpoint
CREATE INDEX "flags_clinic_status_idx" ON "flags" USING btree ("clinic_id","status");