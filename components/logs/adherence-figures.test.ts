import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AdherenceFigures } from "./adherence-figures";
import { formatPercent } from "./percent";

describe("AdherenceFigures", () => {
  it("rounds half up and says no data for nothing prescribed", () => {
    expect(formatPercent(0.825)).toBe("83 %");
    expect(formatPercent(0.145)).toBe("15 %");
    expect(formatPercent(0.8249)).toBe("82 %");
    expect(formatPercent(0)).toBe("0 %");
    expect(formatPercent(1)).toBe("100 %");
    expect(formatPercent(null)).toBe("no data");
  });

  it("shows one figure per window, with its test id and label", () => {
    const html = renderToStaticMarkup(
      createElement(AdherenceFigures, {
        figures: [
          { days: 7, ratio: 0.82 },
          { days: 14, ratio: 0.5 },
          { days: 28, ratio: null },
        ],
      }),
    );
    const figure = (days: number) =>
      html.match(new RegExp(`data-testid="adherence-${days}"[\\s\\S]*?</div>`))?.[0] ?? "";
    expect(figure(7)).toContain("Last 7 days");
    expect(figure(7)).toContain(">82 %<");
    expect(figure(14)).toContain(">50 %<");
    expect(figure(28)).toContain(">no data<");
    expect(html).toContain("Share of prescribed sessions done (days before today)");
  });
});
