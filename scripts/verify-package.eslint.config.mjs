// The lint n8n's verification scanner (@n8n/scan-community-package) runs on a published
// tarball: @n8n/eslint-plugin-community-nodes `recommended`, applied to the compiled
// JavaScript and package.json that users actually install. Used only by
// scripts/verify-package.mjs, which also turns inline `eslint-disable` comments off.
import tsParser from '@typescript-eslint/parser';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

export default [
	n8nCommunityNodesPlugin.configs.recommended,
	// ESLint's default parser cannot read JSON; the plugin's package.json rules walk the
	// object literal that the TypeScript parser produces for it (the scanner does the same).
	{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
];
