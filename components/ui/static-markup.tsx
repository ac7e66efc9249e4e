import "server-only";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";

/**
 * Server-drawn markup without any interactivity: the MAS heatmap and trend charts, the log charts
 * and the adherence calendar. Those are written with Preact's JSX (their files start with
 * `@jsxImportSource preact`) and rendered here to one HTML string, escaped by
 * preact-render-to-string like any JSX. As React elements, their thousands of cells and SVG marks
 * were rendered, serialised into the page's React payload, read back and rendered again to HTML
 * on every request: most of a rich patient page's time. As a string they cost a fraction of that,
 * and the browser receives the same markup. (Auth.js renders its own pages with the same Preact.)
 */
export function StaticMarkup<Props>({
  children,
}: {
  /** A Preact element: `h(Component, props)`. */
  children: VNode<Props>;
}) {
  const html = renderToString(children);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered from JSX, which escapes every text and attribute
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}
