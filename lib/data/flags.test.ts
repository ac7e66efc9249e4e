import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { flags } from "@/db/schema";
import type { FlagKind } from "@/lib/clinical/escalation";
import { makeClinic } from "@/lib/testing/fixtures";
import { flagFilterSchema } from "@/lib/validation/flag";
import { FLAGS_PAGE_SIZE, listClinicFlags } from "./flags";

type Status = "open" | "acknowledged" | "referred" | "dismissed" | "resolved";

async function addFlag(
  clinic: Awaited<ReturnType<typeof makeClinic>>,
  patientId: string,
  kind: FlagKind,
  status: Status,
  raisedOn = "2026-11-01",
) {
  const db = await getDb();
  const [row] = await db
    .insert(flags)
    .values({
      clinicId: clinic.clinic.id,
      patientId,
      kind,
      keys: [{ muscleGroup: "calf", side: "left" }],
      reason: `${kind} ${status}`,
      basis: {},
      basisHash: `${kind}-${status}-${Math.random()}`,
      status,
      raisedOn,
    })
    .returning({ id: flags.id });
  if (!row) throw new Error("no flag");
  return row.id;
}

describe("the clinic's flags list", () => {
  it("filters by status, kind and primary therapist, in any combination, within the clinic", async () => {
    const a = await makeClinic();
    const b = await makeClinic();
    const botox = await addFlag(a, a.patient.id, "BOTOX_REFERRAL", "open");
    const mas4 = await addFlag(a, a.patient.id, "MAS4_REVIEW", "acknowledged");
    const dismissed = await addFlag(a, a.patient.id, "SURGICAL_REFERRAL", "dismissed");
    const baclofen = await addFlag(a, a.patient2.id, "BACLOFEN_REVIEW", "open");
    const otherBotox = await addFlag(a, a.patient2.id, "BOTOX_REFERRAL", "resolved");
    await addFlag(b, b.patient.id, "BOTOX_REFERRAL", "open");

    // As the page's query string gives them.
    const ids = async (query: Record<string, string>) =>
      (await listClinicFlags(a.as.therapist(), flagFilterSchema.parse(query))).flags
        .map((f) => f.id)
        .sort();
    const sorted = (...list: string[]) => [...list].sort();

    expect(await ids({})).toEqual(sorted(botox, mas4, baclofen));
    expect(await ids({ status: "dismissed" })).toEqual([dismissed]);
    expect(await ids({ status: "all" })).toEqual(
      sorted(botox, mas4, dismissed, baclofen, otherBotox),
    );
    expect(await ids({ kind: "BOTOX_REFERRAL" })).toEqual([botox]);
    expect(await ids({ kind: "BOTOX_REFERRAL", status: "all" })).toEqual(sorted(botox, otherBotox));
    expect(await ids({ therapist: a.users.therapist2.id })).toEqual([baclofen]);
    expect(
      await ids({ therapist: a.users.therapist2.id, kind: "BOTOX_REFERRAL", status: "all" }),
    ).toEqual([otherBotox]);
    expect(await ids({ therapist: a.users.therapist2.id, kind: "MAS4_REVIEW" })).toEqual([]);
    // Another clinic's therapist: none of these.
    expect(await ids({ therapist: b.users.therapist.id, status: "all" })).toEqual([]);
  });

  it("pages the flags, every flag on one page, and a page past the end shows the last", async () => {
    const a = await makeClinic();
    const count = FLAGS_PAGE_SIZE + 3;
    const made = [];
    for (let i = 0; i < count; i++)
      made.push(
        await addFlag(a, a.patient.id, "TRIGGER_REVIEW", "open", `2026-10-${10 + (i % 20)}`),
      );
    const page = (n: number) =>
      listClinicFlags(a.as.therapist(), flagFilterSchema.parse({ page: String(n) }));
    const first = await page(1);
    const second = await page(2);
    expect(first.flags).toHaveLength(FLAGS_PAGE_SIZE);
    expect(second.flags).toHaveLength(3);
    expect([first.total, first.pages, second.page]).toEqual([count, 2, 2]);
    expect(new Set([...first.flags, ...second.flags].map((f) => f.id))).toEqual(new Set(made));
    const past = await page(99);
    expect(past.page).toBe(2);
    expect(past.flags.map((f) => f.id)).toEqual(second.flags.map((f) => f.id));
  });
});
