/** What an admin action answered, announced where the page's forms are: a status when it worked, an alert if not. */
export function ActionReply({ reply }: { reply: { ok: boolean; message: string } | null | undefined }) {
  if (!reply) return null;
  return (
    <p
      role={reply.ok ? 'status' : 'alert'}
      className={`rounded-lg border px-4 py-3 text-sm font-medium ${
        reply.ok
          ? 'border-emerald-300 bg-emerald-50 text-emerald-900'
          : 'border-red-300 bg-red-50 text-red-800'
      }`}
    >
      {reply.message}
    </p>
  );
}
