// Client weight: the JavaScript a route's first load needs, gzipped, from the build's own files.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/**
 * Every `/_next/static/….js` the HTML refers to: the <script src> tags, and chunks named only in
 * the inline flight data (client components the page hydrates), deduplicated.
 */
export function scriptChunks(html) {
  const chunks = new Set();
  for (const match of html.matchAll(/\/_next\/static\/[^"'\s\\<>]+?\.js/g)) chunks.add(match[0]);
  return [...chunks].sort();
}

const gzipCache = new Map();

/** Gzipped size in bytes of a built static file (`/_next/static/x` is `.next/static/x`). */
export function gzipSize(root, chunk) {
  const file = path.join(root, ".next", chunk.replace(/^\/_next\//, ""));
  if (!gzipCache.has(file)) {
    if (!existsSync(file)) throw new Error(`${chunk} is not in the build (${file}).`);
    gzipCache.set(file, gzipSync(readFileSync(file), { level: 9 }).length);
  }
  return gzipCache.get(file);
}

/** First-load JS of one page's HTML: chunk list and the gzipped total in bytes. */
export function firstLoadJs(root, html) {
  const chunks = scriptChunks(html);
  const bytes = chunks.reduce((sum, chunk) => sum + gzipSize(root, chunk), 0);
  return { chunks, bytes };
}

const kB = (bytes) => Math.round((bytes / 1024) * 10) / 10;

/**
 * Per route: first-load JS in kB gzip, and the delta over the baseline route (the framework's
 * floor: root layout, runtime, React). Therapist pages must stay within baseline + `budgetKb`.
 */
export function clientJsReport(root, pages, baselineHtml, budgetKb = 40) {
  const baseline = firstLoadJs(root, baselineHtml);
  const baselineSet = new Set(baseline.chunks);
  const routes = pages.map((page) => {
    const js = firstLoadJs(root, page.html);
    const extra = js.chunks.filter((chunk) => !baselineSet.has(chunk));
    const deltaKb = kB(js.bytes - baseline.bytes);
    return {
      name: page.name,
      path: page.path,
      ...(page.shownAs ? { shownAs: page.shownAs } : {}),
      role: page.role,
      kbGzip: kB(js.bytes),
      deltaKb,
      chunks: js.chunks.length,
      extraChunks: extra.length,
      withinBudget: page.role === "therapist" ? deltaKb <= budgetKb : null,
    };
  });
  return {
    baseline: { path: "/session", kbGzip: kB(baseline.bytes), chunks: baseline.chunks.length },
    budgetKb,
    routes,
  };
}
