/**
 * A family's bookings as an iCalendar feed, built with ical.js: stable UIDs (the booking id), times in
 * Europe/Rome with its VTIMEZONE, so weekly sessions keep their local time across daylight saving.
 */
import { Effect } from "effect"
import ICAL from "ical.js"
import { Bookings, type BookingView } from "../services/Bookings.ts"
import { Catalogue } from "../services/Catalogue.ts"
import { Clock } from "../services/Clock.ts"
import { Households } from "../services/Households.ts"

// Europe/Rome as calendar clients expect it (EU rules since 1996: last Sunday of March and October).
const VTIMEZONE = `BEGIN:VTIMEZONE
TZID:Europe/Rome
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE`

const timezone = new ICAL.Timezone(new ICAL.Component(ICAL.parse(VTIMEZONE)))

const local = (date: string, time: string) => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number]
  const [hh, mm] = time.split(":").map(Number) as [number, number]
  return ICAL.Time.fromData({ year: y, month: m, day: d, hour: hh, minute: mm, second: 0, isDate: false }, timezone)
}

const statusText: Partial<Record<BookingView["status"], string>> = {
  confirmed: "CONFIRMED",
  held: "TENTATIVE",
  offered: "TENTATIVE"
}

/** The feed of a family's live bookings (confirmed, held, offered). */
export const bookingsCalendar = (
  bookings: ReadonlyArray<BookingView>,
  names: { service: (id: string) => string; child: (id: string) => string },
  stamp: Date
): string => {
  const cal = new ICAL.Component(["vcalendar", [], []])
  cal.updatePropertyWithValue("prodid", "-//Smartfam//Prenotazioni//IT")
  cal.updatePropertyWithValue("version", "2.0")
  cal.updatePropertyWithValue("calscale", "GREGORIAN")
  cal.updatePropertyWithValue("x-wr-calname", "Smartfam – le mie prenotazioni")
  cal.updatePropertyWithValue("x-wr-timezone", "Europe/Rome")
  cal.addSubcomponent(timezone.component)
  for (const b of bookings) {
    const status = statusText[b.status]
    if (status === undefined) continue
    const event = new ICAL.Event(new ICAL.Component("vevent"))
    event.uid = `${b.id}@smartfam`
    event.summary = `${names.service(b.serviceId)} – ${names.child(b.childId)}`
    event.startDate = local(b.date, b.start)
    event.endDate = local(b.date, b.end)
    event.component.updatePropertyWithValue("dtstamp", ICAL.Time.fromJSDate(stamp, true))
    event.component.updatePropertyWithValue("status", status)
    if (b.status !== "confirmed") event.description = b.status === "held" ? "Posto tenuto: conferma la prenotazione" : "Posto offerto: accetta entro la scadenza"
    cal.addSubcomponent(event.component)
  }
  return cal.toString()
}

/** The bookings of an account's household as an iCalendar feed (empty without a household). */
export const familyCalendar = (accountId: string) =>
  Effect.gen(function* () {
    const now = yield* (yield* Clock).now
    const household = yield* (yield* Households).ofAccount(accountId).pipe(Effect.option)
    if (household._tag === "None") return bookingsCalendar([], { service: String, child: String }, now)
    const list = yield* (yield* Bookings).ofHousehold(household.value.id)
    const services = new Map((yield* (yield* Catalogue).list).map((s) => [s.id as string, s.name.it]))
    const children = new Map(household.value.children.map((ch) => [ch.id as string, ch.name]))
    return bookingsCalendar(list, { service: (id) => services.get(id) ?? id, child: (id) => children.get(id) ?? id }, now)
  })
