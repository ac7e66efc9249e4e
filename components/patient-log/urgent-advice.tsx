/**
 * Shown when a patient reports infection or fever, new relapse symptoms, new weakness or
 * wasting: the portal is not watched in real time, so say plainly whom to contact.
 */
export function UrgentAdvice() {
  return (
    <div
      className="rounded-lg border-2 border-red-700 bg-red-50 p-4 text-lg text-red-950"
      data-testid="urgent-advice"
    >
      <p className="font-semibold">
        Please contact someone today: this portal is not watched in real time.
      </p>
      <p className="mt-1">
        Signs of an infection or fever, new relapse symptoms, new weakness or muscles looking
        thinner need a doctor's advice. Call your GP or your MS nurse today. If you feel very unwell
        or it is severe, call emergency services.
      </p>
    </div>
  );
}
