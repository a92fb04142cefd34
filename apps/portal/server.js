// The portal's production server: adapter-node's handler behind a plain Node HTTP server.
//
// adapter-node 6 no longer reads ORIGIN: it derives the origin from the request, taking the protocol from
// PROTOCOL_HEADER and otherwise assuming https. Behind a TLS proxy that sets `X-Forwarded-Proto` that is
// right; served directly over plain http (the demo on 127.0.0.1) the assumed https origin would not match
// the browser's `Origin` and SvelteKit would refuse every form POST as cross-site. So this server fills in
// `X-Forwarded-Proto` from the socket when no proxy set it.
//
// Pages are compressed (gzip/brotli as the browser asks; `compression`): a page is HTML rendered per
// request, which adapter-node sends as is (it precompresses only the static assets, served already encoded).
import http from "node:http"
import process from "node:process"
import compression from "compression"

process.env["PROTOCOL_HEADER"] ??= "x-forwarded-proto"
const header = process.env["PROTOCOL_HEADER"].toLowerCase()
const { handler } = await import("./build/handler.js")

const compress = compression()
const server = http.createServer((req, res) => {
  if (req.headers[header] === undefined) req.headers[header] = "encrypted" in req.socket && req.socket.encrypted ? "https" : "http"
  compress(req, res, () => handler(req, res))
})
const port = Number(process.env["PORT"] ?? 3000)
const host = process.env["HOST"] ?? "0.0.0.0"
server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`))
const stop = () => server.close(() => process.exit(0))
process.on("SIGTERM", stop)
process.on("SIGINT", stop)
