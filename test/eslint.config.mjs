// The tests, sandbox and harness run in Node, not inside n8n: n8n's node rules (no `process`, no
// timers, n8n-workflow as the only import) do not apply here. `npm run lint` type-checks this folder
// (tsconfig.lint.json) and checks its formatting (Prettier). ESLint reads this file instead of the
// root one because `npm run lint` sets ESLINT_FLAGS=unstable_config_lookup_from_file.
export default [{ ignores: ['**'] }];
