/**
 * A stand-in for a SPID/CIE OIDC gateway during the e2e run: oidc-provider with its development login
 * and consent pages, one confidential client (the API), any login accepted. A login's email is
 * `<login>@spid.example`, except `senza-email`, which has none.
 */
import http from "node:http"
import Provider from "oidc-provider"

const port = Number(process.env["PORT"] ?? 4103)
const issuer = `http://127.0.0.1:${port}`
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env["OIDC_CLIENT_ID"] ?? "smartfam-e2e",
      client_secret: process.env["OIDC_CLIENT_SECRET"] ?? "e2e-client-secret-long-enough-for-hs256",
      redirect_uris: [process.env["OIDC_REDIRECT_URI"] ?? "http://127.0.0.1:4100/api/v1/auth/oidc/callback"],
      grant_types: ["authorization_code"],
      response_types: ["code"]
    }
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "given_name", "family_name"] },
  findAccount: (_ctx, sub) => ({
    accountId: sub,
    claims: () => ({
      sub,
      ...(sub === "senza-email" ? {} : { email: `${sub}@spid.example`, email_verified: true }),
      given_name: sub,
      family_name: "SPID"
    })
  }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["e2e-cookie-key"] }
})
http.createServer(provider.callback()).listen(port, "127.0.0.1")
