/**
 * Summarises a V8 CPU profile (from `SMARTFAM_BENCH_PROFILE=<dir> pnpm bench`): self time by function and
 * by package, top 40 each; inclusive time of this repository's functions; CALLERS=<text> for who calls a
 * function; TREE=<percent> for the call tree, top down. Run: node bench/profile.ts <file.cpuprofile>
 */
import fs from "node:fs"

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount: number
  children?: Array<number>
}
const file = process.argv[2]
if (file === undefined) throw new Error("usage: node bench/profile.ts <file.cpuprofile>")
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as { nodes: Array<Node>; samples: Array<number>; timeDeltas: Array<number> }
// LAST=<seconds>: only the samples of the profile's last seconds (one phase of the bench); SKIP=<seconds>
// leaves out the very last ones (the bare run that follows every scenario, while the API idles).
const last = process.env["LAST"]
if (last !== undefined) {
  const counts = new Map<number, number>()
  let t = profile.timeDeltas.reduce((a, b) => a + b, 0)
  const to = t - Number(process.env["SKIP"] ?? 0) * 1e6
  const from = to - Number(last) * 1e6
  t = 0
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i]!
    if (t >= from && t <= to) counts.set(id, (counts.get(id) ?? 0) + 1)
  })
  for (const n of profile.nodes) n.hitCount = counts.get(n.id) ?? 0
}
const total = profile.nodes.reduce((n, x) => n + x.hitCount, 0)
const byFn = new Map<string, number>()
const byPkg = new Map<string, number>()
for (const n of profile.nodes) {
  const url = n.callFrame.url.replace(/^file:\/\//, "")
  const pkg = url.match(/node_modules\/\.pnpm\/([^/]+)/)?.[1]?.replace(/@\d.*$/, "") ?? (url.includes("/src/") ? url.replace(/.*\/(packages|apps)\//, "") : url === "" ? n.callFrame.functionName : url.replace(/.*\//, ""))
  const fn = `${n.callFrame.functionName || "(anonymous)"} ${url.replace(/.*node_modules\/\.pnpm\//, "").replace(/.*\/packages\//, "")}:${n.callFrame.lineNumber}`
  byFn.set(fn, (byFn.get(fn) ?? 0) + n.hitCount)
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + n.hitCount)
}
const top = (m: Map<string, number>) =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env["TOP"] ?? 40)).map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`).join("\n")
// Inclusive time of the functions in this repository (self + callees; a recursive frame counted once).
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const inclusive = new Map<string, number>()
const walk = (id: number, open: Set<string>): number => {
  const n = byId.get(id)!
  let sum = n.hitCount
  const name = `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/.*\/packages\//, "")}:${n.callFrame.lineNumber}`
  const ours = process.env["ALL"] ? n.callFrame.url !== "" : n.callFrame.url.includes("/packages/") && !n.callFrame.url.includes("node_modules")
  const counted = ours && !open.has(name)
  if (counted) open.add(name)
  for (const c of n.children ?? []) sum += walk(c, open)
  if (counted) {
    open.delete(name)
    inclusive.set(name, (inclusive.get(name) ?? 0) + sum)
  }
  return sum
}
walk(profile.nodes[0]!.id, new Set())
const label = (n: Node) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/.*node_modules\/\.pnpm\//, "").replace(/.*\/packages\//, "")}:${n.callFrame.lineNumber}`
const subtotals = new Map<number, number>()
/** Samples in a node and below it. */
const subtotal = (id: number): number => {
  let sum = subtotals.get(id)
  if (sum === undefined) {
    const n = byId.get(id)!
    sum = n.hitCount + (n.children ?? []).reduce((a, c) => a + subtotal(c), 0)
    subtotals.set(id, sum)
  }
  return sum
}
// CALLERS=<text>: who calls the functions whose name or file contains <text> (samples under them, by caller
// chain of DEPTH, default 3).
const callersOf = process.env["CALLERS"]
if (callersOf !== undefined) {
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const chains = new Map<string, number>()
  for (const n of profile.nodes) {
    if (!label(n).includes(callersOf)) continue
    const up: Array<string> = []
    for (let p = parent.get(n.id); p !== undefined && up.length < Number(process.env["DEPTH"] ?? 3); p = parent.get(p)) up.push(label(byId.get(p)!))
    const k = up.join(" < ")
    chains.set(k, (chains.get(k) ?? 0) + subtotal(n.id))
  }
  console.log(`callers of ${callersOf}:\n${top(chains)}\n`)
}
// TREE=<percent>: the call tree from the root, every node of at least that share (inclusive, then self),
// DEPTH levels deep (default 12): where a request's time goes, top down.
const tree = process.env["TREE"]
if (tree !== undefined) {
  const min = (Number(tree) / 100) * total
  const lines: Array<string> = []
  const down = (id: number, depth: number) => {
    const n = byId.get(id)!
    if (subtotal(id) < min || depth > Number(process.env["DEPTH"] ?? 12)) return
    lines.push(`${"  ".repeat(depth)}${((subtotal(id) / total) * 100).toFixed(1)}% (self ${((n.hitCount / total) * 100).toFixed(1)}) ${label(n)}`)
    for (const c of [...(n.children ?? [])].sort((a, b) => subtotal(b) - subtotal(a))) down(c, depth + 1)
  }
  down(profile.nodes[0]!.id, 0)
  console.log(`call tree, nodes of ${tree}% or more:\n${lines.join("\n")}\n`)
}
console.log(`samples: ${total}\n\nby package/file:\n${top(byPkg)}\n\nby function:\n${top(byFn)}\n\ninclusive, this repository's code:\n${top(inclusive)}`)
