// Copies what tsc does not emit next to the compiled nodes and credentials, where n8n looks for it.
const { src, dest, task } = require('gulp');

const copyToDist = (patterns) => () => src(patterns, { base: '.', encoding: false }).pipe(dest('dist'));

// Icons (light and dark SVGs).
task('build:icons', copyToDist(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}']));

// Codex files (<Node>.node.json): the node's categories and documentation links in the nodes panel.
task('build:codex', copyToDist(['nodes/**/*.node.json']));
