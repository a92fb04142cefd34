/**
 * Group commit: calls that arrive while a batch runs wait for the next batch, which `run` handles in one
 * transaction (one commit instead of one per call). Each call gets its own answer, in order; if the
 * batch fails, every call in it fails with the error.
 */
export const grouped = <I, O>(run: (batch: ReadonlyArray<I>) => Promise<ReadonlyArray<O>>, max = 256): ((input: I) => Promise<O>) => {
  const queue: Array<{ readonly input: I; readonly done: (o: O) => void; readonly failed: (e: unknown) => void }> = []
  let draining = false
  const drain = async () => {
    while (queue.length > 0) {
      const batch = queue.splice(0, max)
      try {
        const outcomes = await run(batch.map((p) => p.input))
        batch.forEach((p, i) => p.done(outcomes[i]!))
      } catch (error) {
        for (const p of batch) p.failed(error)
      }
    }
    draining = false
  }
  return (input) =>
    new Promise<O>((done, failed) => {
      queue.push({ input, done, failed })
      if (!draining) {
        draining = true
        setImmediate(drain)
      }
    })
}
