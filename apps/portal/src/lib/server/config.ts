/** The portal's server-side settings: the one place that reads the environment. */
export const apiUrl = process.env["SMARTFAM_API_URL"] ?? "http://127.0.0.1:3000"
/**
 * The API as browsers reach it (SMARTFAM_API_PUBLIC_URL; default the same as SMARTFAM_API_URL): the SPID/CIE
 * login starts and ends there, on the identity provider's way back.
 */
export const apiPublicUrl = (process.env["SMARTFAM_API_PUBLIC_URL"] ?? apiUrl).replace(/\/+$/, "")
