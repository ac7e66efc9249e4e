import { describe, expect, it } from "vitest";
import { COMMON_PASSWORD_MESSAGE, isCommonPassword, newPasswordSchema } from "./password";

const messages = (password: string) =>
  newPasswordSchema.safeParse(password).error?.issues.map((i) => i.message) ?? [];

describe("newPasswordSchema", () => {
  it("refuses the most common passwords, whatever their case", () => {
    // Both are in the first 10,000 entries of @zxcvbn-ts/language-common's list.
    expect(isCommonPassword("qwerty123456")).toBe(true);
    expect(messages("qwerty123456")).toEqual([COMMON_PASSWORD_MESSAGE]);
    expect(messages("QwErTy123456")).toEqual([COMMON_PASSWORD_MESSAGE]);
    expect(messages("1qaz2wsx3edc")).toEqual([COMMON_PASSWORD_MESSAGE]);
  });

  it("accepts an uncommon 12-character password and asks for nothing else", () => {
    expect(newPasswordSchema.safeParse("tulip kettle").success).toBe(true); // 12, no digit/capital
    expect(newPasswordSchema.safeParse("onlylowercas").success).toBe(true);
    expect(newPasswordSchema.safeParse("x".repeat(128)).success).toBe(true);
  });

  it("refuses 11 and 129 characters", () => {
    expect(newPasswordSchema.safeParse("tulip kettl").success).toBe(false);
    expect(messages("tulip kettl")[0]).toMatch(/at least 12 characters/);
    expect(newPasswordSchema.safeParse("x".repeat(129)).success).toBe(false);
    expect(messages("x".repeat(129))[0]).toMatch(/at most 128 characters/);
  });

  it("only looks at the first 10,000 entries of the list", () => {
    // "password" is entry 2; "123456789987654321" is entry 10,049 of ~49,000: allowed.
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("123456789987654321")).toBe(false);
    expect(isCommonPassword("a completely ordinary sentence")).toBe(false);
  });
});
