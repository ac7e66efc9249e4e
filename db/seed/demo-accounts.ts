/** The demo logins. Their password is public: they exist only in the demo clinic. */
export const DEMO_PASSWORD = "demo-spasticity-2026";

export const DEMO_ACCOUNTS = [
  {
    email: "admin@demo.clinic",
    role: "admin",
    clinic: "Demo Clinic",
    who: "Clinic admin (Alex Morgan)",
  },
  {
    email: "therapist@demo.clinic",
    role: "therapist",
    clinic: "Demo Clinic",
    who: "Physiotherapist (Sam Okafor)",
  },
  {
    email: "therapist2@demo.clinic",
    role: "therapist",
    clinic: "Demo Clinic",
    who: "Physiotherapist (Priya Raman)",
  },
  {
    email: "patient@demo.clinic",
    role: "patient",
    clinic: "Demo Clinic",
    who: "Patient (Maria Lopez)",
  },
  {
    email: "patient2@demo.clinic",
    role: "patient",
    clinic: "Demo Clinic",
    who: "Patient (James Carter)",
  },
  {
    email: "therapist@other.clinic",
    role: "therapist",
    clinic: "Other Clinic",
    who: "Physiotherapist at another clinic",
  },
] as const;
