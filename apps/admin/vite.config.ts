import purgeCss from "@fullhuman/postcss-purgecss"
import adapter from "@sveltejs/adapter-node"
import { sveltekit } from "@sveltejs/kit/vite"
import { defineConfig } from "vite"

// src/lib/bootstrap-italia.scss builds the part of Bootstrap Italia the pages use from its Sass sources.
// A production build then drops the rules whose classes appear nowhere in the markup (the button, card,
// form and header partials style many variants the pages don't use). A class therefore has to be written
// whole in a .svelte file, even when chosen at run time ("alert-success", not `alert-${tone}`).
const purge = purgeCss({ content: ["./src/**/*.svelte", "./src/app.html"] })
if (!("OnceExit" in purge) || purge.OnceExit === undefined)
  throw new Error("@fullhuman/postcss-purgecss changed: no OnceExit hook")
const purgeOnce = purge.OnceExit
// Only that stylesheet: fonts.css and the apps' own CSS stay as written.
const purgeBootstrapItalia: typeof purge = {
  postcssPlugin: "purge-bootstrap-italia",
  OnceExit: (root, helpers) =>
    root.source?.input.file?.endsWith("/bootstrap-italia.scss") ? purgeOnce(root, helpers) : undefined
}

export default defineConfig(({ command }) => ({
  plugins: [sveltekit({ adapter: adapter() })],
  css: {
    postcss: { plugins: command === "build" ? [purgeBootstrapItalia] : [] },
    // Bootstrap Italia's Sass is written with @import and global functions: no deprecation noise from it or from us.
    preprocessorOptions: { scss: { quietDeps: true, silenceDeprecations: ["import", "global-builtin"] } }
  }
}))
