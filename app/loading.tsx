export default function Loading() {
  return (
    <div role="status" className="mx-auto max-w-6xl px-6 py-8 text-slate-600">
      Loading…
    </div>
  );
}
