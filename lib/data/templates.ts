import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { exercises, programTemplates, templateItems } from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer-type";
import type { ExerciseKind, ItemSide } from "@/lib/clinical/dosage";
import type { TemplateInput } from "@/lib/validation/program";
import { audit, auditDenied } from "./audit";
import { NotFoundError } from "./errors";
import { isUuid, requireStaff } from "./guards";
import { normaliseItems } from "./program-items";

export interface TemplateItemDto {
  exerciseId: string;
  exerciseName: string;
  kind: ExerciseKind;
  holdSeconds: number | null;
  repetitions: number;
  sets: number | null;
  sessionsPerDay: number;
  daysPerWeek: number;
  side: ItemSide;
  note: string | null;
}
export interface TemplateDto {
  id: string;
  name: string;
  description: string | null;
  items: TemplateItemDto[];
}

/** Staff: the clinic's program templates with their items. */
export async function listTemplates(viewer: Viewer): Promise<TemplateDto[]> {
  const db = await getDb();
  await requireStaff(db, viewer, "template.list");
  const templates = await db
    .select({
      id: programTemplates.id,
      name: programTemplates.name,
      description: programTemplates.description,
    })
    .from(programTemplates)
    .where(eq(programTemplates.clinicId, viewer.clinicId))
    .orderBy(asc(programTemplates.name));
  if (templates.length === 0) return [];
  const items = await db
    .select({
      templateId: templateItems.templateId,
      exerciseId: templateItems.exerciseId,
      exerciseName: exercises.name,
      kind: exercises.kind,
      holdSeconds: templateItems.holdSeconds,
      repetitions: templateItems.repetitions,
      sets: templateItems.sets,
      sessionsPerDay: templateItems.sessionsPerDay,
      daysPerWeek: templateItems.daysPerWeek,
      side: templateItems.side,
      note: templateItems.note,
    })
    .from(templateItems)
    .innerJoin(exercises, eq(exercises.id, templateItems.exerciseId))
    .where(
      inArray(
        templateItems.templateId,
        templates.map((t) => t.id),
      ),
    )
    .orderBy(asc(templateItems.position));
  return templates.map((t) => ({
    ...t,
    items: items.filter((i) => i.templateId === t.id).map(({ templateId: _, ...i }) => i),
  }));
}

/** Staff: one template of the clinic, or NotFoundError. */
export async function getTemplate(viewer: Viewer, templateId: string): Promise<TemplateDto> {
  const template = (await listTemplates(viewer)).find((t) => t.id === templateId);
  if (!template) throw new NotFoundError("template");
  return template;
}

/** Staff: create a template, or replace an existing one's name, description and items. */
export async function saveTemplate(viewer: Viewer, input: TemplateInput): Promise<{ id: string }> {
  const db = await getDb();
  await requireStaff(db, viewer, "template.save");
  if (input.templateId) {
    const [existing] = isUuid(input.templateId)
      ? await db
          .select({ id: programTemplates.id })
          .from(programTemplates)
          .where(
            and(
              eq(programTemplates.id, input.templateId),
              eq(programTemplates.clinicId, viewer.clinicId),
            ),
          )
      : [];
    if (!existing) {
      await auditDenied(db, viewer, "template.save", "template", input.templateId);
      throw new NotFoundError("template");
    }
  }
  const rows = await normaliseItems(db, viewer, input.items);
  return db.transaction(async (tx) => {
    let id = input.templateId;
    if (id) {
      await tx
        .update(programTemplates)
        .set({ name: input.name, description: input.description ?? null, updatedAt: new Date() })
        .where(and(eq(programTemplates.id, id), eq(programTemplates.clinicId, viewer.clinicId)));
      await tx.delete(templateItems).where(eq(templateItems.templateId, id));
    } else {
      const [created] = await tx
        .insert(programTemplates)
        .values({
          clinicId: viewer.clinicId,
          name: input.name,
          description: input.description ?? null,
          createdBy: viewer.userId,
        })
        .returning({ id: programTemplates.id });
      id = created?.id;
    }
    if (!id) throw new Error("template id missing");
    const templateId = id;
    await tx.insert(templateItems).values(rows.map((r) => ({ ...r, templateId })));
    await audit(tx, viewer, {
      action: input.templateId ? "template.update" : "template.create",
      entityType: "template",
      entityId: templateId,
    });
    return { id: templateId };
  });
}
