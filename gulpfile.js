// Build steps around tsc: empty dist/ first (no stale files in the package), then copy what tsc
// does not emit next to the compiled nodes and credentials, where n8n looks for it.
const fs = require('fs');
const { src, dest, task } = require('gulp');

const copyToDist = (patterns) => () => src(patterns, { base: '.', encoding: false }).pipe(dest('dist'));

task('clean', async () => fs.rmSync('dist', { recursive: true, force: true }));

// Icons (light and dark SVGs).
task('build:icons', copyToDist(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}']));

// Codex files (<Node>.node.json): the node's categories and documentation links in the nodes panel.
task('build:codex', copyToDist(['nodes/**/*.node.json']));
