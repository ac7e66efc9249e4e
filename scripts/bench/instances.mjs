// `npm run bench -- --instances 2`: two `next start` on one PostgreSQL, and the checks that the
// app keeps no state in memory that matters (sessions, server actions, login throttling).
import { cookieHeader, signIn, trySignIn } from "./browser.mjs";
import { runLoad } from "./load.mjs";

// /session says "Signed in"; the other pages have a "Sign out" button.
const SIGNED_IN = /Signed in|Sign out/;

async function fetchSignedIn(url, cookie) {
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  return { status: response.status, signedIn: response.status === 200 && SIGNED_IN.test(body) };
}

/** A session cookie made by signing in on one instance is accepted by the other, both ways. */
async function sessionsTravel(browser, [a, b], account) {
  const details = [];
  for (const [from, to] of [
    [a, b],
    [b, a],
  ]) {
    const session = await signIn(browser, { baseUrl: from.url, ...account });
    const answer = await fetchSignedIn(`${to.url}/session`, session.cookie);
    await session.context.close();
    details.push(
      `signed in on :${from.port}, /session on :${to.port} → ${answer.status}` +
        (answer.signedIn ? " signed in" : " NOT signed in"),
    );
    if (!answer.signedIn) return { pass: false, details };
  }
  return { pass: true, details };
}

/**
 * A server action posted through one instance's UI works, and what it saved is read on the other:
 * sign in on A, save the daily log's note on B, reload on A; then the other way round.
 */
async function actionsTravel(browser, [a, b], account) {
  const details = [];
  const noteLabel = "Anything else for your therapist?";
  for (const [signInOn, saveOn] of [
    [a, b],
    [b, a],
  ]) {
    const session = await signIn(browser, { baseUrl: signInOn.url, ...account });
    const page = await session.context.newPage();
    const note = `bench: saved through :${saveOn.port} at ${new Date().toISOString()}`;
    try {
      // Fill only once the form is hydrated: text typed before that can be merged with the
      // day's saved note when React takes the form over.
      await page.goto(`${saveOn.url}/my/log`, { waitUntil: "networkidle" });
      const field = page.getByLabel(noteLabel);
      for (let attempt = 0; attempt < 3 && (await field.inputValue()) !== note; attempt++) {
        await field.fill(note);
        await page.waitForTimeout(200);
      }
      if ((await field.inputValue()) !== note) throw new Error("could not fill the note");
      await page.getByRole("button", { name: "Save my log" }).click();
      await page.getByTestId("log-saved").waitFor({ timeout: 20_000 });
      await page.goto(`${signInOn.url}/my/log`);
      const stored = await page.getByLabel(noteLabel).inputValue();
      const ok = stored === note;
      details.push(
        `signed in on :${signInOn.port}, saved the daily log through :${saveOn.port}, ` +
          `read back on :${signInOn.port}: ${ok ? "same note" : `got "${stored}"`}`,
      );
      if (!ok) return { pass: false, details };
    } catch (error) {
      const text = (
        await page
          .locator("main")
          .innerText()
          .catch(() => "")
      ).slice(0, 300);
      details.push(`save through :${saveOn.port} failed: ${error.message} ${text}`);
      return { pass: false, details };
    } finally {
      await session.context.close();
    }
  }
  return { pass: true, details };
}

/**
 * Login throttling counts across instances: `maxFailures` wrong passwords alternating A/B (so
 * neither instance alone saw enough), then the right password is refused on both.
 */
async function throttlingShared(browser, [a, b], account, maxFailures) {
  const details = [];
  const attempt = async (server, password) => {
    const context = await browser.newContext();
    try {
      return await trySignIn(context, { baseUrl: server.url, email: account.email, password });
    } finally {
      await context.close();
    }
  };
  // Control: the account can sign in (a success also resets its failure count).
  if (!(await attempt(a, account.password))) {
    details.push(`${account.email} cannot sign in at all: the check proves nothing`);
    return { pass: false, details };
  }
  const perInstance = { [a.port]: 0, [b.port]: 0 };
  for (let i = 0; i < maxFailures; i++) {
    const server = i % 2 === 0 ? a : b;
    const ok = await attempt(server, `wrong-password-${i}-for-the-bench`);
    if (ok) {
      details.push(`a wrong password was accepted on :${server.port}`);
      return { pass: false, details };
    }
    perInstance[server.port]++;
  }
  details.push(
    `${maxFailures} wrong passwords for ${account.email}: ` +
      Object.entries(perInstance)
        .map(([port, n]) => `${n} on :${port}`)
        .join(", "),
  );
  let pass = true;
  for (const server of [a, b]) {
    const accepted = await attempt(server, account.password);
    details.push(
      `then the right password on :${server.port}: ${accepted ? "ACCEPTED" : "refused"}`,
    );
    if (accepted) pass = false;
  }
  return { pass, details };
}

export async function checkInstances({
  browser,
  servers,
  therapist,
  patient,
  lockoutAccount,
  maxFailures,
  loadPath,
  seconds,
  singleInstanceRps,
  log,
}) {
  const checks = [];
  const run = async (name, fn) => {
    let result;
    try {
      result = await fn();
    } catch (error) {
      result = { pass: false, details: [error instanceof Error ? error.message : String(error)] };
    }
    checks.push({ name, ...result });
    log(`${result.pass ? "PASS" : "FAIL"} ${name}`);
    for (const line of result.details) log(`     ${line}`);
  };
  await run("A session made on one instance is valid on the other", () =>
    sessionsTravel(browser, servers, therapist),
  );
  await run("Server actions posted to either instance work", () =>
    actionsTravel(browser, servers, patient),
  );
  await run("Login throttling counts across both instances", () =>
    throttlingShared(browser, servers, lockoutAccount, maxFailures),
  );

  // Load on both at once: 5 connections each, the same page, the therapist's session.
  const session = await signIn(browser, { baseUrl: servers[0].url, ...therapist });
  const cookie = await cookieHeader(session.context, servers[0].url);
  await session.context.close();
  const urls = servers.map((s) => `${s.url}${loadPath}`);
  await runLoad({ urls, cookie, connections: 5, seconds: 3 }); // warm-up
  const load = await runLoad({ urls, cookie, connections: 5, seconds });
  const combined = {
    path: loadPath,
    connectionsPerInstance: 5,
    rps: load.rps,
    p50: load.p50,
    p95: load.p95,
    p99: load.p99,
    errors: load.errors,
    perInstanceRps: load.perUrl.map((r) => Math.round(r.rps * 10) / 10),
    singleInstanceRps,
    ratioToSingle:
      singleInstanceRps > 0 ? Math.round((load.rps / singleInstanceRps) * 100) / 100 : null,
  };
  log(
    `Two instances on ${loadPath}: ${combined.rps} req/s combined (${combined.perInstanceRps.join(
      " + ",
    )}), ${combined.errors} errors; one instance: ${singleInstanceRps} req/s`,
  );
  return { instances: servers.length, checks, load: combined };
}
