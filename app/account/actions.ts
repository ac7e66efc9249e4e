"use server";

import { signOut } from "@/lib/auth/auth";
import { withViewer } from "@/lib/auth/with-viewer";
import { changeOwnPassword } from "@/lib/data/account";
import { changePasswordSchema } from "@/lib/validation/auth";

/** Any role. Changing the password ends every session, this one included: sign in again. */
export const changePasswordAction = withViewer(
  {
    roles: ["admin", "therapist", "patient"],
    schema: changePasswordSchema,
    name: "account.password_change",
  },
  async (viewer, input) => {
    await changeOwnPassword(viewer, input);
    await signOut({ redirectTo: "/login?passwordChanged=1" });
  },
);
