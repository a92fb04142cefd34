import type { Lang } from "#lib/i18n.ts"

declare global {
  namespace App {
    interface Error {
      message: string
      /** Correlation id to quote when asking for help. */
      errorId?: string
    }
    interface Locals {
      /** The reader's language: Italian unless they chose English (`?lang=en`, kept in the `lang` cookie). */
      lang: Lang
      /** The API session token this browser's portal session holds (never seen by browser code). */
      token: string | undefined
    }
  }
}

export {}
