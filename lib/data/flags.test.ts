import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { dailyLogs, flags, logItems } from "@/db/schema";
import { addDays, todayIn } from "@/lib/clinical/dates";
import type { FlagKind } from "@/lib/clinical/escalation";
import { caseloadRow, makeClinic, programSpanning } from "@/lib/testing/fixtures";
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

  it("shows the 14-day adherence beside referral flags only, as the caseload computes it", async () => {
    const a = await makeClinic();
    const db = await getDb();
    const today = todayIn(a.clinic.timeZone);
    // One calf stretch a day, every day, since three weeks ago: 14 sessions prescribed in the 14
    // days ending yesterday, of which the patient logged 7 (every other day).
    const itemId = await programSpanning(a, "Calves", addDays(today, -21), addDays(today, 7), 1);
    for (let k = 1; k <= 14; k += 2) {
      const [log] = await db
        .insert(dailyLogs)
        .values({ clinicId: a.clinic.id, patientId: a.patient.id, logDate: addDays(today, -k) })
        .returning({ id: dailyLogs.id });
      await db
        .insert(logItems)
        .values({ logId: log?.id as string, programItemId: itemId, sessionsDone: 1 });
    }
    const botox = await addFlag(a, a.patient.id, "BOTOX_REFERRAL", "open");
    const mas4 = await addFlag(a, a.patient.id, "MAS4_REVIEW", "open");
    // patient2 has no program: nothing prescribed, "no data".
    const baclofen = await addFlag(a, a.patient2.id, "BACLOFEN_REVIEW", "open");

    const listed = (await listClinicFlags(a.as.therapist(), flagFilterSchema.parse({}))).flags;
    const adherenceOf = (id: string) => listed.find((f) => f.id === id)?.adherence14;
    expect(adherenceOf(botox)).toBe(0.5);
    expect(adherenceOf(mas4)).toBeNull();
    expect(adherenceOf(baclofen)).toBeNull();
    const caseload = async (id: string) => (await caseloadRow(a.as.therapist(), id))?.adherence14;
    expect([await caseload(a.patient.id), await caseload(a.patient2.id)]).toEqual([0.5, null]);
  });

  it("an empty list is page 1 of 1, also when a later page is asked for", async () => {
    const a = await makeClinic();
    for (const n of ["1", "3"]) {
      const result = await listClinicFlags(a.as.therapist(), flagFilterSchema.parse({ page: n }));
      expect(result).toEqual({ flags: [], total: 0, page: 1, pages: 1 });
    }
  });
});
