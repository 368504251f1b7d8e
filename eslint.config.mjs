// Two rule sets: eslint-plugin-n8n-nodes-base (n8n's node conventions) and
// @n8n/eslint-plugin-community-nodes `recommended`, the rules n8n's verification scanner applies.
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const nodesBase = { 'n8n-nodes-base': n8nNodesBase };

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.runtime/**', 'test/**', 'vitest.config.mts', 'gulpfile.js'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: nodesBase,
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: nodesBase,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// The rule's own docs: "Only applicable to nodes in the main repository"; ours links to the README.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: nodesBase,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two demand the string 'main'; the community rule node-connection-type-literal
			// demands NodeConnectionTypes.Main, which is what n8n's own nodes use today.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{ ...n8nCommunityNodesPlugin.configs.recommended, files: ['package.json', 'credentials/**/*.ts', 'nodes/**/*.ts'] },
];
