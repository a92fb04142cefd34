/**
 * Money shown to people, formatted on the server with the domain's rules so that the browser never
 * downloads the domain (its pages stay light on a phone).
 */
import { Money } from "@smartfam/domain"

/** "€ 105.440,29" and "47,42%": the domain's formatting, integer arithmetic only. */
export const euro = (cents: number): string => Money.format(Money.cents(cents))

/** A share of a whole, rounded half-up to basis points: "47,42%". */
export const percent = (part: number, whole: number): string =>
  Money.formatShare(Money.share(Money.cents(part), Money.cents(whole), "half-up"))
