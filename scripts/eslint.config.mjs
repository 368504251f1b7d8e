// Project tooling (demo, n8n runtimes, the verification lint) runs in Node, not inside n8n: n8n's
// node rules do not apply here. ESLint reads this file instead of the root one because
// `npm run lint` sets ESLINT_FLAGS=unstable_config_lookup_from_file.
export default [{ ignores: ['**'] }];
