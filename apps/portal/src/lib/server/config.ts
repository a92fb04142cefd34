/** The portal's server-side settings: the one place that reads the environment. */
export const apiUrl = process.env["SMARTFAM_API_URL"] ?? "http://127.0.0.1:3000"
