import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support/accounts";

async function mariaAndHerFlag(page: import("@playwright/test").Page) {
  await signIn(page, ACCOUNTS.therapist);
  await page.getByRole("link", { name: "Lopez, Maria" }).click();
  await expect(page.getByRole("heading", { name: "Maria Lopez" })).toBeVisible();
  const patientPath = new URL(page.url()).pathname;
  const packet = page.getByRole("link", { name: /Referral packet \(PDF\)/ }).first();
  const packetPath = (await packet.getAttribute("href")) as string;
  return { patientId: patientPath.split("/").pop() as string, packetPath };
}

test("a therapist downloads the FHIR bundle, the CSV exports and a referral packet from the patient page", async ({
  page,
}) => {
  const { patientId, packetPath } = await mariaAndHerFlag(page);

  const fhir = await page.request.get(`/api/patients/${patientId}/fhir`);
  expect(fhir.status()).toBe(200);
  expect(fhir.headers()["content-type"]).toContain("application/fhir+json");
  const bundle = await fhir.json();
  expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection" });
  const mas = bundle.entry.filter((e: { resource: { code?: { coding?: { code: string }[] } } }) =>
    e.resource.code?.coding?.some((c) => c.code === "765771006"),
  );
  expect(mas.length).toBeGreaterThan(0);

  const csv = await page.request.get(`/api/patients/${patientId}/assessments.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("1+");
  expect((await page.request.get(`/api/patients/${patientId}/logs.csv`)).status()).toBe(200);
  expect((await page.request.get("/api/flags.csv")).status()).toBe(200);

  const pdf = await page.request.get(packetPath);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
});

test("patients and other clinics get 404 for all three exports", async ({ page, browser }) => {
  const { patientId, packetPath } = await mariaAndHerFlag(page);
  const urls = [
    `/api/patients/${patientId}/fhir`,
    `/api/patients/${patientId}/assessments.csv`,
    `/api/patients/${patientId}/logs.csv`,
    packetPath,
  ];
  for (const who of [ACCOUNTS.patient, ACCOUNTS.otherTherapist]) {
    const other = await (await browser.newContext()).newPage();
    await signIn(other, who);
    for (const url of urls)
      expect((await other.request.get(url, { maxRedirects: 0 })).status(), `${who} ${url}`).toBe(
        404,
      );
  }
});
