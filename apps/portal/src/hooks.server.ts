import type { Handle, HandleFetch, HandleServerError } from "@sveltejs/kit/hooks"
import { apiUrl } from "#lib/server/config.ts"
import { isLang } from "#lib/i18n.ts"
import { SESSION_COOKIE } from "#lib/server/session.ts"

/**
 * The head in the order first paint needs it. SvelteKit writes the page's stylesheet after its dozen or so
 * script preloads, so the browser would ask for the render-blocking CSS last, queued behind the scripts on
 * HTTP/1.1's six connections: it goes first. The scripts only hydrate a page that is already whole without
 * them (forms work without JavaScript), so they are fetched at low priority, after the CSS and the fonts.
 */
const headForFirstPaint = (html: string) => {
  const preload = /<link href="[^"]+" rel="modulepreload">/
  const stylesheets = html.match(/<link href="[^"]+\.css" rel="stylesheet">/g) ?? []
  const first = html.search(preload)
  if (first === -1) return html
  const moved = stylesheets.filter((link) => html.indexOf(link) > first)
  const rest = moved.reduce((h, link) => h.replace(link, ""), html)
  const at = rest.search(preload)
  const head = `${rest.slice(0, at)}${moved.map((link) => `${link}\n\t\t`).join("")}${rest.slice(at)}`
  return head.replaceAll('rel="modulepreload">', 'rel="modulepreload" fetchpriority="low">')
}

/**
 * The language (a `lang` URL parameter wins and is remembered in a cookie; Italian by default) and the
 * portal's own session cookie, whose value is the API session token sent on as `Authorization: Bearer`.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const asked = event.url.searchParams.get("lang")
  if (isLang(asked)) {
    event.cookies.set("lang", asked, { path: "/", httpOnly: false, sameSite: "lax", maxAge: 60 * 60 * 24 * 365, secure: event.url.protocol === "https:" })
  }
  const cookieLang = event.cookies.get("lang")
  event.locals.lang = isLang(asked) ? asked : isLang(cookieLang) ? cookieLang : "it"
  event.locals.token = event.cookies.get(SESSION_COOKIE)
  const response = await resolve(event, {
    transformPageChunk: ({ html }) =>
      headForFirstPaint(html.replace('<html lang="it">', `<html lang="${event.locals.lang}">`))
  })
  // Pages show personal data once logged in: never let a shared cache keep them.
  if (event.locals.token !== undefined) response.headers.set("cache-control", "private, no-store")
  return response
}

/**
 * Calls to the API say whose request they serve: the API limits login tries per client address as well
 * as per email, and believes `X-Forwarded-For` only from peers it trusts (SMARTFAM_TRUSTED_PROXIES).
 */
export const handleFetch: HandleFetch = ({ event, request, fetch }) => {
  if (request.url.startsWith(apiUrl)) {
    try {
      request.headers.set("x-forwarded-for", event.getClientAddress())
    } catch {
      // No client address (prerendering): the API counts the portal's own.
    }
  }
  return fetch(request)
}

/** Unexpected errors are logged with a correlation id; the person sees the id, never the stack. */
export const handleError: HandleServerError = ({ kind, error, event }) => {
  const errorId = crypto.randomUUID()
  if (kind !== "unknown") return { errorId }
  console.error(
    JSON.stringify({ level: "error", errorId, path: event.url.pathname, error: error instanceof Error ? error.stack : String(error) })
  )
  return { message: "Si è verificato un errore imprevisto (unexpected error)", errorId }
}
