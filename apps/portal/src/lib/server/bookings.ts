/** Booking actions shared by the booking page and "my bookings": one API call per booking, with its idempotency key. */
import { fail, type RequestEvent } from "@sveltejs/kit"
import { api, apiError, idempotencyKey, reach } from "./api.ts"
import { requireToken } from "./session.ts"

export const ACTIONS = ["confirm", "cancel", "accept", "decline", "absent"] as const
export type BookingAction = (typeof ACTIONS)[number]

/** Runs `action` on every booking id the form sends (`booking`, repeated); 4xx answers come back inline. */
export const runBookingAction = async (event: RequestEvent, action: BookingAction) => {
  const token = requireToken(event)
  const form = await event.request.formData()
  const ids = form.getAll("booking").filter((v): v is string => typeof v === "string" && v.length > 0 && v.length < 200)
  if (ids.length === 0) return fail(400, { action, issues: [{ path: "booking", message: "none" }], problems: [] })
  const client = api(event.fetch, token)
  const problems: Array<{ id: string; message: string }> = []
  for (const id of ids) {
    const res = await reach(() =>
      client.api.v1.bookings[":id"][":action"].$post(
        { param: { id, action } },
        { headers: { "idempotency-key": idempotencyKey(form.get("key"), action, id) } }
      )
    )
    if (!res.ok) problems.push({ id, message: (await apiError(res)).message })
  }
  if (problems.length === ids.length) return fail(409, { action, issues: [], problems })
  return { action, done: ids.length - problems.length, problems }
}
