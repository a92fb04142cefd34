import type { HandleServerError } from "@sveltejs/kit/hooks"

/** Unexpected errors are logged with a correlation id; the person sees the id, never the stack. */
export const handleError: HandleServerError = ({ kind, error, event }) => {
  const errorId = crypto.randomUUID()
  if (kind !== "unknown") return { errorId }
  console.error(
    JSON.stringify({ level: "error", errorId, path: event.url.pathname, error: error instanceof Error ? error.stack : String(error) })
  )
  return { message: "Si è verificato un errore imprevisto (unexpected error)", errorId }
}
