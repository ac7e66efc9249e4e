import { eq, gte, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, setDbFactory } from "@/db/client";
import { countQueries } from "@/db/query-count";
import { dailyLogs, flags, patients, users } from "@/db/schema";
import { LARGE_ACCOUNTS, seedLargeClinic } from "@/db/seed/large";
import { createTestDb } from "@/db/test-db";
import { addDays, todayIn } from "@/lib/clinical/dates";
import { FLAG_TIER, urgencyRank } from "@/lib/clinical/flag-labels";
import { MAS_GRADES } from "@/lib/clinical/mas";
import { mockNextRequestContext, runtime, type SessionClaims } from "@/lib/testing/action-harness";

/**
 * Issue #8: SQL statements per page are the same for a 10-patient and a 300-patient clinic (no
 * N+1, nothing that grows with the caseload or the history) and stay within 10, the session
 * check and the read audit included.
 *
 * Each page's server component is called as Next calls it, with the real session check, data
 * layer and database (the harness replaces only Next's request context), and every statement it
 * sends is counted through drizzle's logger (db/query-count.ts). Components never query (they
 * receive DTOs), so the page function is the page. The layouts' session check is the page's
 * own: `getViewer` is cached per request. `npm run bench` measures the same on the running server.
 */

const PAGES = [
  { name: "baseline", path: "/session", as: "therapist" },
  { name: "caseload", path: "/patients", as: "therapist" },
  { name: "caseload sorted by grade", path: "/patients?sort=grade", as: "therapist" },
  { name: "caseload sorted by adherence", path: "/patients?sort=adherence", as: "therapist" },
  { name: "caseload without a recent log", path: "/patients?nolog=1", as: "therapist" },
  { name: "patient", path: "/patients/[rich]", as: "therapist" },
  { name: "patient's programs", path: "/patients/[rich]/programs", as: "therapist" },
  { name: "flags", path: "/flags", as: "therapist" },
  { name: "my home", path: "/my", as: "patient" },
  { name: "my program", path: "/my/program", as: "patient" },
  { name: "my log", path: "/my/log", as: "patient" },
  { name: "my history", path: "/my/history", as: "patient" },
] as const;

type PageName = (typeof PAGES)[number]["name"];

async function render(name: PageName, richPatientId: string): Promise<unknown> {
  const none = Promise.resolve({});
  switch (name) {
    case "baseline":
      return (await import("@/app/session/page")).default();
    case "caseload":
      return (await import("@/app/(clinic)/patients/(caseload)/page")).default({
        searchParams: none,
      });
    case "caseload sorted by grade":
      return (await import("@/app/(clinic)/patients/(caseload)/page")).default({
        searchParams: Promise.resolve({ sort: "grade" }),
      });
    case "caseload sorted by adherence":
      return (await import("@/app/(clinic)/patients/(caseload)/page")).default({
        searchParams: Promise.resolve({ sort: "adherence" }),
      });
    case "caseload without a recent log":
      return (await import("@/app/(clinic)/patients/(caseload)/page")).default({
        searchParams: Promise.resolve({ nolog: "1" }),
      });
    case "patient":
      return (await import("@/app/(clinic)/patients/[patientId]/page")).default({
        params: Promise.resolve({ patientId: richPatientId }),
        searchParams: none,
      });
    case "patient's programs":
      return (await import("@/app/(clinic)/patients/[patientId]/programs/page")).default({
        params: Promise.resolve({ patientId: richPatientId }),
      });
    case "flags":
      return (await import("@/app/(clinic)/flags/page")).default({ searchParams: none });
    case "my home":
      return (await import("@/app/(patient)/my/page")).default();
    case "my program":
      return (await import("@/app/(patient)/my/program/page")).default();
    case "my log":
      return (await import("@/app/(patient)/my/log/page")).default({ searchParams: none });
    case "my history":
      return (await import("@/app/(patient)/my/history/page")).default();
  }
}

interface Clinic {
  db: Db;
  close: () => Promise<void>;
  richPatientId: string;
  sessions: Record<"therapist" | "patient", SessionClaims>;
}

async function clinicOf(patients: number): Promise<Clinic> {
  const { db, close } = await createTestDb();
  const summary = await seedLargeClinic(db, { patients, days: 120, seed: 7 });
  const claims = async (email: string): Promise<SessionClaims> => {
    const [user] = await db.select().from(users).where(eq(users.email, email));
    if (!user) throw new Error(`no ${email}`);
    return {
      userId: user.id,
      role: user.role,
      clinicId: user.clinicId,
      sessionVersion: user.sessionVersion,
    };
  };
  return {
    db,
    close,
    richPatientId: summary.richPatientId,
    sessions: {
      therapist: await claims(LARGE_ACCOUNTS.therapist),
      patient: await claims(LARGE_ACCOUNTS.patient),
    },
  };
}

/** The statements one request of the page sends (after one warm-up render). */
async function statementsOf(clinic: Clinic, page: (typeof PAGES)[number]) {
  setDbFactory(async () => clinic.db);
  runtime.session = clinic.sessions[page.as];
  await render(page.name, clinic.richPatientId);
  const { statements } = await countQueries(() => render(page.name, clinic.richPatientId));
  // An IN list's length is not a query; the statement's shape is what must not change.
  return statements.map((s) => s.replace(/\$\d+(, \$\d+)*/g, "$?"));
}

let small: Clinic;
let large: Clinic;

beforeAll(async () => {
  mockNextRequestContext();
  small = await clinicOf(10);
  large = await clinicOf(300);
}, 600_000);

afterAll(async () => {
  setDbFactory(undefined);
  await small?.close();
  await large?.close();
});

describe("SQL statements per page", () => {
  it.each(PAGES)("$name: the same with 10 and with 300 patients, at most 10", async (page) => {
    const few = await statementsOf(small, page);
    const many = await statementsOf(large, page);
    // Sorted: statements a page sends concurrently may arrive in either order.
    expect([...many].sort(), `statements with 300 patients:\n${many.join("\n")}`).toEqual(
      [...few].sort(),
    );
    expect(many.length).toBeLessThanOrEqual(10);
    // Every page reads the session first; pages that show patient data audit the read.
    expect(many[0]).toMatch(/from "users"/);
    if (page.name !== "baseline")
      expect(many.some((s) => s.startsWith('insert into "audit_events"'))).toBe(true);
  });
});

describe("a patient's own pages", () => {
  it.each(["my program", "my log"] as const)(
    "%s: the access check to their record is the session's statement, not another",
    async (name) => {
      const page = PAGES.find((p) => p.name === name) as (typeof PAGES)[number];
      const statements = await statementsOf(large, page);
      expect(statements[0]).toMatch(/left join "patients"/);
      expect(
        statements.filter((s) => /^select "id", "archived_at" from "patients"/.test(s)),
      ).toEqual([]);
    },
  );
});

describe("the caseload of a big clinic comes in pages", () => {
  const caseloadHtml = async (searchParams: Record<string, string>) => {
    setDbFactory(async () => large.db);
    runtime.session = large.sessions.therapist;
    const { default: Page } = await import("@/app/(clinic)/patients/(caseload)/page");
    const { renderToStaticMarkup } = await import("react-dom/server");
    return renderToStaticMarkup(
      (await Page({ searchParams: Promise.resolve(searchParams) })) as React.ReactElement,
    );
  };
  const patientLinks = (html: string) =>
    [...html.matchAll(/href="\/patients\/([0-9a-f-]{36})"/g)].map((m) => m[1] as string);

  it("25 patients a page, every patient on exactly one page, filters and order kept", async () => {
    const first = await caseloadHtml({ sort: "name" });
    expect(patientLinks(first)).toHaveLength(25);
    expect(first).toContain("Patients 1–25 of 300 · page 1 of 12");
    expect(first).toContain('href="/patients?sort=name&amp;page=2"');
    const seen = new Set<string>();
    for (let page = 1; page <= 12; page++) {
      const ids = patientLinks(await caseloadHtml({ sort: "name", page: String(page) }));
      for (const id of ids) seen.add(id);
    }
    expect(seen.size).toBe(300);
    // Past the last page: the last page.
    expect(await caseloadHtml({ sort: "name", page: "99" })).toContain("page 12 of 12");
  });
});

describe("the caseload's order and filters, in SQL", () => {
  const viewerOf = async () => {
    setDbFactory(async () => large.db);
    const { loadViewer } = await import("@/lib/auth/load-viewer");
    const viewer = await loadViewer(large.db, large.sessions.therapist, null);
    if (!viewer) throw new Error("no viewer");
    return viewer;
  };
  /** Every page of the caseload in this order, one after the other. */
  const allPages = async (query: Record<string, string>) => {
    const viewer = await viewerOf();
    const { caseloadPage } = await import("@/lib/data/patients");
    const { caseloadFilterSchema } = await import("@/lib/validation/patient");
    const first = await caseloadPage(viewer, caseloadFilterSchema.parse(query));
    const rows = [...first.rows];
    for (let page = 2; page <= first.pages; page++)
      rows.push(
        ...(await caseloadPage(viewer, caseloadFilterSchema.parse({ ...query, page }))).rows,
      );
    expect(new Set(rows.map((r) => r.id)).size, "every patient once").toBe(first.total);
    expect(rows).toHaveLength(first.total);
    return rows;
  };
  const sortedBy = <T>(values: T[], compare: (a: T, b: T) => number) =>
    expect(values).toEqual([...values].sort(compare));

  it("most urgent open flag first, then more flags, then the name", async () => {
    const rows = await allPages({ sort: "flags" });
    expect(rows).toHaveLength(300);
    // The flags as the table holds them, not as the caseload reports them.
    const active = await large.db
      .select({ patientId: flags.patientId, kind: flags.kind })
      .from(flags)
      .where(inArray(flags.status, ["open", "acknowledged"]));
    const rank = (id: string) =>
      Math.min(99, ...active.filter((f) => f.patientId === id).map((f) => urgencyRank(f.kind)));
    const n = (id: string) => active.filter((f) => f.patientId === id).length;
    expect(rows.filter((r) => r.flags.length > 0)).toHaveLength(
      new Set(active.map((f) => f.patientId)).size,
    );
    sortedBy(
      rows.map((r) => [rank(r.id), -n(r.id)] as const),
      (a, b) => a[0] - b[0] || a[1] - b[1],
    );
    for (const r of rows) {
      expect(r.flags.length).toBe(n(r.id));
      sortedBy(
        r.flags.map((f) => urgencyRank(f.kind)),
        (a, b) => a - b,
      );
    }
  });

  it("highest grade first, most recently assessed first, lowest adherence first", async () => {
    const byGrade = await allPages({ sort: "grade" });
    const gradeRank = (g: string | null) => (g === null ? 9 : 5 - MAS_GRADES.indexOf(g as never));
    sortedBy(
      byGrade.map((r) => gradeRank(r.highestLatestGrade)),
      (a, b) => a - b,
    );
    expect(byGrade.some((r) => r.highestLatestGrade === "4")).toBe(true);
    const byDate = await allPages({ sort: "assessed" });
    sortedBy(
      byDate.map((r) => r.lastAssessedOn ?? ""),
      (a, b) => b.localeCompare(a),
    );
    const byAdherence = await allPages({ sort: "adherence" });
    sortedBy(
      byAdherence.map((r) => r.adherence14 ?? 2),
      (a, b) => a - b,
    );
    expect(byAdherence.filter((r) => r.adherence14 !== null).length).toBeGreaterThan(100);
  });

  it("'no log in 7 days': exactly the patients whose last log is older, or who never logged", async () => {
    const viewer = await viewerOf();
    const weekAgo = addDays(todayIn(viewer.clinicTimeZone), -7);
    const recent = await large.db
      .selectDistinct({ patientId: dailyLogs.patientId })
      .from(dailyLogs)
      .where(gte(dailyLogs.logDate, weekAgo));
    const everyone = await large.db.select({ id: patients.id }).from(patients);
    const expected = everyone
      .map((p) => p.id)
      .filter((id) => !recent.some((r) => r.patientId === id));
    const rows = await allPages({ nolog: "1", sort: "name" });
    expect(rows.map((r) => r.id).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.lastLogDate === null || r.lastLogDate < weekAgo).toBe(true);
  });
});

describe("the flags of a big clinic come in pages", () => {
  it("25 flags a page, most urgent first, every active flag on exactly one page", async () => {
    setDbFactory(async () => large.db);
    runtime.session = large.sessions.therapist;
    const { listClinicFlags } = await import("@/lib/data/flags");
    const { loadViewer } = await import("@/lib/auth/load-viewer");
    const viewer = await loadViewer(large.db, large.sessions.therapist, null);
    if (!viewer) throw new Error("no viewer");
    const first = await listClinicFlags(viewer, { status: "active", page: 1 });
    expect(first.flags.length).toBe(Math.min(25, first.total));
    expect(first.pages).toBe(Math.ceil(first.total / 25));
    const ids: string[] = [];
    const ranks: number[] = [];
    for (let page = 1; page <= first.pages; page++) {
      const { flags } = await listClinicFlags(viewer, { status: "active", page });
      ids.push(...flags.map((f) => f.id));
      ranks.push(...flags.map((f) => urgencyRank(f.kind)));
    }
    expect(new Set(ids).size).toBe(first.total);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe("the caseload's figures for the page on screen", () => {
  it("14-day adherence equals the patient page's, for every patient, on the caseload and /flags", async () => {
    setDbFactory(async () => small.db);
    const { getLogSummary } = await import("@/lib/data/logs");
    const { listClinicFlags } = await import("@/lib/data/flags");
    const { loadViewer } = await import("@/lib/auth/load-viewer");
    const viewer = await loadViewer(small.db, small.sessions.therapist, null);
    if (!viewer) throw new Error("no viewer");
    const ids = (await small.db.select({ id: patients.id }).from(patients)).map((p) => p.id);
    // /flags: the adherence beside each referral flag (every status, every page).
    const beside = new Map<string, number | null>();
    for (let page = 1, pages = 1; page <= pages; page++) {
      const list = await listClinicFlags(viewer, { status: "all", page });
      pages = list.pages;
      for (const f of list.flags)
        if (FLAG_TIER[f.kind] === "referral") beside.set(f.patientId, f.adherence14);
    }
    expect(beside.size).toBeGreaterThan(0);
    // The caseload page's own figures: read with its rows, by name and sorted by adherence.
    const { caseloadPage } = await import("@/lib/data/patients");
    const { caseloadFilterSchema } = await import("@/lib/validation/patient");
    const onPage = async (sort: string) =>
      new Map(
        (await caseloadPage(viewer, caseloadFilterSchema.parse({ sort }))).rows.map((r) => [
          r.id,
          r.adherence14,
        ]),
      );
    const [byName, byAdherence] = [await onPage("name"), await onPage("adherence")];
    expect(byName.size).toBe(ids.length);
    let measured = 0;
    for (const id of ids) {
      const summary = await getLogSummary(viewer, id, 28);
      const ratio = summary.adherence.find((a) => a.days === 14)?.ratio ?? null;
      if (beside.has(id)) expect(beside.get(id), id).toBe(ratio);
      expect(byName.get(id), id).toBe(ratio);
      expect(byAdherence.get(id), id).toBe(ratio);
      if (ratio !== null) measured++;
    }
    expect(measured).toBeGreaterThan(3);
  });
});
