CREATE TYPE "public"."exercise_kind" AS ENUM('stretch', 'strength', 'movement');--> statement-breakpoint
CREATE TYPE "public"."item_side" AS ENUM('left', 'right', 'both');--> statement-breakpoint
CREATE TABLE "exercises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid,
	"slug" text,
	"name" text NOT NULL,
	"kind" "exercise_kind" NOT NULL,
	"muscle_groups" "muscle_group"[] NOT NULL,
	"summary" text NOT NULL,
	"steps" text[] NOT NULL,
	"safety" text[] NOT NULL,
	"hold_seconds" integer,
	"repetitions" integer NOT NULL,
	"sets" integer,
	"sessions_per_day" integer NOT NULL,
	"days_per_week" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exercises_name_len" CHECK (char_length("exercises"."name") between 1 and 120)
);
--> statement-breakpoint
CREATE TABLE "program_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"exercise_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"hold_seconds" integer,
	"repetitions" integer NOT NULL,
	"sets" integer,
	"sessions_per_day" integer NOT NULL,
	"days_per_week" integer NOT NULL,
	"side" "item_side" NOT NULL,
	"note" text,
	CONSTRAINT "program_items_hold" CHECK ("program_items"."hold_seconds" between 10 and 120),
	CONSTRAINT "program_items_reps" CHECK ("program_items"."repetitions" between 1 and 50),
	CONSTRAINT "program_items_sets" CHECK ("program_items"."sets" between 1 and 10),
	CONSTRAINT "program_items_sessions" CHECK ("program_items"."sessions_per_day" between 1 and 5),
	CONSTRAINT "program_items_days" CHECK ("program_items"."days_per_week" between 1 and 7)
);
--> statement-breakpoint
CREATE TABLE "program_pauses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"paused_from" date NOT NULL,
	"resumed_on" date,
	"reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_pauses_dates" CHECK ("program_pauses"."resumed_on" is null or "program_pauses"."resumed_on" > "program_pauses"."paused_from")
);
--> statement-breakpoint
CREATE TABLE "program_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"effective_from" date NOT NULL,
	"change_note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"title" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"ended_on" date,
	"template_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programs_dates" CHECK ("programs"."end_date" >= "programs"."start_date"),
	CONSTRAINT "programs_title_len" CHECK (char_length("programs"."title") between 1 and 120)
);
--> statement-breakpoint
CREATE TABLE "template_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"exercise_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"hold_seconds" integer,
	"repetitions" integer NOT NULL,
	"sets" integer,
	"sessions_per_day" integer NOT NULL,
	"days_per_week" integer NOT NULL,
	"side" "item_side" NOT NULL,
	"note" text,
	CONSTRAINT "template_items_hold" CHECK ("template_items"."hold_seconds" between 10 and 120),
	CONSTRAINT "template_items_reps" CHECK ("template_items"."repetitions" between 1 and 50),
	CONSTRAINT "template_items_sets" CHECK ("template_items"."sets" between 1 and 10),
	CONSTRAINT "template_items_sessions" CHECK ("template_items"."sessions_per_day" between 1 and 5),
	CONSTRAINT "template_items_days" CHECK ("template_items"."days_per_week" between 1 and 7)
);
--> statement-breakpoint
ALTER TABLE "exercises" ADD CONSTRAINT "exercises_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercises" ADD CONSTRAINT "exercises_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_items" ADD CONSTRAINT "program_items_version_id_program_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."program_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_items" ADD CONSTRAINT "program_items_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_pauses" ADD CONSTRAINT "program_pauses_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_pauses" ADD CONSTRAINT "program_pauses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_templates" ADD CONSTRAINT "program_templates_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_templates" ADD CONSTRAINT "program_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_versions" ADD CONSTRAINT "program_versions_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_versions" ADD CONSTRAINT "program_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_template_id_program_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."program_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_items" ADD CONSTRAINT "template_items_template_id_program_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."program_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_items" ADD CONSTRAINT "template_items_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exercises_slug_key" ON "exercises" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "exercises_clinic_idx" ON "exercises" USING btree ("clinic_id");--> statement-breakpoint
CREATE INDEX "program_items_version_idx" ON "program_items" USING btree ("version_id","position");--> statement-breakpoint
CREATE INDEX "program_pauses_program_idx" ON "program_pauses" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "program_templates_clinic_idx" ON "program_templates" USING btree ("clinic_id");--> statement-breakpoint
CREATE UNIQUE INDEX "program_versions_no_key" ON "program_versions" USING btree ("program_id","version_no");--> statement-breakpoint
CREATE INDEX "programs_patient_idx" ON "programs" USING btree ("patient_id","start_date");--> statement-breakpoint
CREATE INDEX "template_items_template_idx" ON "template_items" USING btree ("template_id","position");