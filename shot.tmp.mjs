import { chromium } from "@playwright/test";

const [, , email, path, out, clickText] = process.argv;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on("console", (m) => {
  if (m.type() === "error") console.log("console:", m.text());
});
await page.goto("http://127.0.0.1:3005/login");
await page.getByLabel("Email").fill(email);
await page.getByLabel("Password").fill("demo-spasticity-2026");
await page.getByRole("button", { name: "Sign in" }).click();
await page.getByRole("button", { name: "Sign out" }).waitFor();
if (path.startsWith("click:")) {
  await page
    .getByRole("link", { name: path.slice(6) })
    .first()
    .click();
  await page.waitForLoadState("networkidle");
} else await page.goto("http://127.0.0.1:3005" + path);
await page.waitForTimeout(800);
console.log(page.url());
await page.screenshot({ path: out, fullPage: true });
await browser.close();
