/** Presentation helpers: dates and times as Italian (or English) readers write them, in Europe/Rome. */
import type { Lang } from "./i18n.ts"

const locale = (lang: Lang) => (lang === "en" ? "en-GB" : "it-IT")
const cache = new Map<string, Intl.DateTimeFormat>()
const fmt = (lang: Lang, options: Intl.DateTimeFormatOptions) => {
  const key = `${lang}:${JSON.stringify(options)}`
  let f = cache.get(key)
  if (f === undefined) {
    f = new Intl.DateTimeFormat(locale(lang), { timeZone: "Europe/Rome", ...options })
    cache.set(key, f)
  }
  return f
}
const noon = (iso: string) => new Date(`${iso.slice(0, 10)}T12:00:00Z`)

/** "1 settembre 2022" from an ISO local date. */
export const date = (iso: string, lang: Lang = "it"): string => fmt(lang, { day: "numeric", month: "long", year: "numeric" }).format(noon(iso))

/** "venerdì 9 giugno" from an ISO local date. */
export const dayLong = (iso: string, lang: Lang = "it"): string => fmt(lang, { weekday: "long", day: "numeric", month: "long" }).format(noon(iso))

/** "ven 9 giu" from an ISO local date. */
export const dayShort = (iso: string, lang: Lang = "it"): string => fmt(lang, { weekday: "short", day: "numeric", month: "short" }).format(noon(iso))

/** "08:15" (Rome) from an ISO instant. */
export const time = (instant: string, lang: Lang = "it"): string => fmt(lang, { hour: "2-digit", minute: "2-digit" }).format(new Date(instant))

/** "5 giugno 2023, 08:15" (Rome) from an ISO instant. */
export const dateTime = (instant: string, lang: Lang = "it"): string =>
  fmt(lang, { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(new Date(instant))

/** Fills `{name}` placeholders of a message. */
export const fill = (message: string, values: Record<string, string | number>): string =>
  message.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all))
