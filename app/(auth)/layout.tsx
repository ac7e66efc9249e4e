import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main
      id="main"
      className="mx-auto flex min-h-screen max-w-5xl flex-col justify-center px-6 py-12"
    >
      <p className="mb-6 text-xl font-semibold text-accent-800">Spasticity portal</p>
      {children}
    </main>
  );
}
