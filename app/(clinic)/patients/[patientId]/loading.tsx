export default function Loading() {
  return (
    <div role="status" className="text-slate-600">
      Loading the patient's record…
    </div>
  );
}
