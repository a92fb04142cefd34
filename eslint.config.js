// One flat config for the whole workspace. Boundary rules keep the arrows pointing one way:
// apps -> api client -> domain; api -> domain; the domain imports no IO.
import js from "@eslint/js"
import svelte from "eslint-plugin-svelte"
import globals from "globals"
import ts from "typescript-eslint"

const nodeBuiltins = ["node:*", "fs", "path", "http", "https", "net", "child_process", "os", "crypto"]

export default ts.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/build/**",
      "**/.svelte-kit/**",
      "**/.turbo/**",
      "**/test-results/**",
      "**/data/**",
      // scratch benches and probes (git-ignored too)
      "**/bench/_*"
    ]
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs["flat/recommended"],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-namespace": "off"
    }
  },
  {
    files: ["**/*.svelte", "**/*.svelte.ts"],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: [".svelte"] } }
  },
  {
    // The domain is pure: no IO, no web framework, no app code.
    files: ["packages/domain/src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: nodeBuiltins, message: "The domain is pure: no IO (no node:* modules)." },
            { group: ["hono", "hono/*", "@hono/*", "@sveltejs/*", "kysely", "pg", "better-sqlite3"], message: "The domain imports no framework or driver." },
            { group: ["@smartfam/api", "@smartfam/api/*", "@smartfam/portal", "@smartfam/admin"], message: "Nothing in the domain depends on the API or the apps." }
          ]
        }
      ],
      "no-restricted-globals": ["error", { name: "process", message: "The domain reads no environment." }],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "The domain reads no clock: pass the date in." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "The domain reads no clock: pass the instant in." }
      ]
    }
  },
  {
    // Hono's `c.var` builds a new object of every variable on each access (a booking read it ~6 times).
    files: ["packages/api/src/**/*.ts"],
    rules: {
      "no-restricted-syntax": ["error", { selector: "MemberExpression[object.name='c'][property.name='var']", message: "Use c.get(\"name\"): c.var copies every variable on each access." }]
    }
  },
  {
    // Apps reach the API only through its typed client, never its internals.
    files: ["apps/**/*.ts", "apps/**/*.svelte"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "@smartfam/api", message: "Apps import only @smartfam/api/client." }],
          patterns: [
            { group: ["@smartfam/api/src/*", "@smartfam/api/dist/*", "**/packages/api/**"], message: "Apps import only @smartfam/api/client." },
            { group: ["kysely", "pg", "better-sqlite3", "hono"], message: "Apps do not talk to storage or serve HTTP themselves." }
          ]
        }
      ]
    }
  }
)
