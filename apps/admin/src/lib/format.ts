/** Presentation helpers for Italian readers. */

const dateFormat = new Intl.DateTimeFormat("it-IT", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Rome" })

/** "1 settembre 2022" from an ISO local date. */
export const date = (iso: string): string => dateFormat.format(new Date(`${iso}T12:00:00Z`))
