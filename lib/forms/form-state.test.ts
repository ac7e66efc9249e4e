import { describe, expect, it } from "vitest";
import { programSchema } from "@/lib/validation/program";
import { echoValues, formToObject, issuesToFieldErrors } from "./form-state";

describe("form state helpers", () => {
  it("files an error inside a list under the list and under the row's own field", () => {
    const parsed = programSchema.safeParse({
      patientId: "00000000-0000-4000-8000-000000000000",
      title: "t",
      startDate: "2026-01-01",
      weeks: "40",
      "items:0:exerciseId": "00000000-0000-4000-8000-000000000000",
      "items:0:holdSeconds": "200",
      "items:0:repetitions": "3",
      "items:0:sessionsPerDay": "2",
      "items:0:daysPerWeek": "7",
      "items:0:side": "both",
    });
    expect(issuesToFieldErrors(parsed.error?.issues ?? [])).toEqual({
      weeks: ["A program lasts 1 to 26 weeks."],
      items: ["Hold between 10 and 120 seconds."],
      "items:0:holdSeconds": ["Hold between 10 and 120 seconds."],
    });
  });

  it("turns repeated keys into lists, drops Next's own keys, and never echoes secrets", () => {
    const form = new FormData();
    form.append("muscleGroups", "hip_flexors");
    form.append("muscleGroups", "knee_flexors");
    form.append("$ACTION_ID_abc", "");
    form.append("password", "hunter2hunter2");
    form.append("name", "Ada");
    const raw = formToObject(form);
    expect(raw).toEqual({
      muscleGroups: ["hip_flexors", "knee_flexors"],
      password: "hunter2hunter2",
      name: "Ada",
    });
    expect(echoValues(raw)).toEqual({ muscleGroups: ["hip_flexors", "knee_flexors"], name: "Ada" });
  });
});
