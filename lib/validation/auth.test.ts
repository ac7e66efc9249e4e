import { describe, expect, it } from "vitest";
import { changePasswordSchema, loginSchema, redeemSchema, safeNextPath } from "./auth";

describe("safeNextPath", () => {
  it("keeps same-site paths and refuses anything that could leave the site", () => {
    expect(safeNextPath("/patients/abc?tab=logs")).toBe("/patients/abc?tab=logs");
    for (const bad of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "",
      null,
      undefined,
    ]) {
      expect(safeNextPath(bad)).toBe("/");
    }
  });
});

describe("password rules", () => {
  it("asks for 12 to 128 characters and no composition rules", () => {
    const base = { code: "ABCD-EFGH-JKLM", email: "a@b.example" };
    expect(
      redeemSchema.safeParse({ ...base, password: "x".repeat(11), confirmPassword: "x".repeat(11) })
        .success,
    ).toBe(false);
    expect(
      redeemSchema.safeParse({
        ...base,
        password: "all lower case words",
        confirmPassword: "all lower case words",
      }).success,
    ).toBe(true);
    expect(
      redeemSchema.safeParse({
        ...base,
        password: "x".repeat(129),
        confirmPassword: "x".repeat(129),
      }).success,
    ).toBe(false);
    expect(
      changePasswordSchema.safeParse({
        currentPassword: "old",
        newPassword: "a long new password",
        confirmPassword: "another one",
      }).error?.issues[0]?.path,
    ).toEqual(["confirmPassword"]);
  });
});

describe("loginSchema", () => {
  it("refuses a NUL byte in the email at the field (fuzz finding: it reached the database)", () => {
    const result = loginSchema.safeParse({ email: "a\u0000@b.example", password: "x" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["email"]);
  });
});
