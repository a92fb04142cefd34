/** Expected failures of the API's services: tagged, serialisable, with Italian text first. */
import { Schema } from "effect"

export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {
  resource: Schema.String,
  id: Schema.String
}) {
  override get message() {
    return `Risorsa non trovata: ${this.resource} ${this.id} (not found)`
  }
}
