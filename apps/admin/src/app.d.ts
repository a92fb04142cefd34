declare global {
  namespace App {
    interface Error {
      message: string
      /** Correlation id to quote when asking for help. */
      errorId?: string
    }
  }
}

export {}
