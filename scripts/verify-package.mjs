#!/usr/bin/env node
// Verification lint: lint the package the way n8n's verification scanner
// (@n8n/scan-community-package) lints a published tarball, before we publish it.
//
//   node scripts/verify-package.mjs                 packs this repo (npm pack runs the build)
//   node scripts/verify-package.mjs some-file.tgz   checks an existing tarball instead
//
// The scanner lints the installed artefact, not our TypeScript: every compiled `.js` file and
// package.json, with @n8n/eslint-plugin-community-nodes `recommended` and inline
// `eslint-disable` comments ignored. We do the same and additionally allow no warnings.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const scriptsDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.dirname(scriptsDir);
const configFile = path.join(scriptsDir, 'verify-package.eslint.config.mjs');

/** Runs a command, returning its output; stops the script with that output if it fails. */
function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) {
		process.stderr.write(result.stdout + result.stderr);
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
	}
	return result.stdout;
}

/** `npm pack` into workDir (its prepack script builds dist/ first) and returns the tarball path. */
function packRepo(workDir) {
	console.log('Packing the package with npm pack (runs the build)...');
	run('npm', ['pack', '--pack-destination', workDir], repoRoot);
	const tarball = readdirSync(workDir).find((name) => name.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no .tgz file');
	return path.join(workDir, tarball);
}

/** Extracts the tarball; npm tarballs hold everything under a top-level `package/` folder. */
function extract(tarball, workDir) {
	const extractDir = path.join(workDir, 'extracted');
	mkdirSync(extractDir);
	run('tar', ['-xzf', tarball, '-C', extractDir], workDir);
	const packageDir = path.join(extractDir, 'package');
	if (!existsSync(path.join(packageDir, 'package.json'))) {
		throw new Error(`${tarball} has no package/package.json: is it an npm package tarball?`);
	}
	return packageDir;
}

/** The scanner's tarball selection: every `.js` file, plus the package's own package.json. */
function filesToLint(packageDir) {
	const javaScript = readdirSync(packageDir, { recursive: true })
		.filter((file) => file.endsWith('.js') && !file.split(path.sep).includes('node_modules'))
		.sort();
	return { javaScript, all: [...javaScript, 'package.json'] };
}

function isIgnoredResult(result) {
	return result.messages.some((message) => message.message.startsWith('File ignored'));
}

async function verify(tarball, workDir) {
	const packageDir = extract(tarball, workDir);
	const { javaScript, all } = filesToLint(packageDir);

	const eslint = new ESLint({
		cwd: packageDir,
		overrideConfigFile: configFile,
		// Same as the scanner: `// eslint-disable` comments in the shipped code count for nothing.
		allowInlineConfig: false,
	});
	const results = await eslint.lintFiles(all.map((file) => path.join(packageDir, file)));

	const linted = results.filter((result) => !isIgnoredResult(result));
	const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
	const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
	const packageJson = path.join(packageDir, 'package.json');
	const lintedPackageJson = linted.some((result) => result.filePath === packageJson);

	const report = await (await eslint.loadFormatter('stylish')).format(results);
	if (report) console.log(report.replaceAll(packageDir + path.sep, 'package/'));

	const plugin = `${n8nCommunityNodesPlugin.meta.name} ${n8nCommunityNodesPlugin.meta.version}`;
	console.log(
		`Linted ${linted.length} of ${all.length} files from ${path.basename(tarball)} ` +
			`(${javaScript.length} JavaScript + package.json) with ${plugin} recommended, ` +
			`inline config off: ${errors} errors, ${warnings} warnings.`,
	);

	const failures = [];
	if (linted.length === 0) failures.push('no file was linted');
	if (javaScript.length === 0) failures.push('the tarball holds no JavaScript (was dist/ built?)');
	if (linted.length !== all.length)
		failures.push(`${all.length - linted.length} files were skipped`);
	if (!lintedPackageJson) failures.push('package.json was not linted');
	if (errors + warnings > 0)
		failures.push(`${errors} errors and ${warnings} warnings (none allowed)`);
	return failures;
}

const workDir = mkdtempSync(path.join(tmpdir(), 'verify-package-'));
try {
	const tarball = process.argv[2] ? path.resolve(process.argv[2]) : packRepo(workDir);
	const failures = await verify(tarball, workDir);
	if (failures.length > 0) {
		console.error(`Verification lint FAILED: ${failures.join('; ')}.`);
		process.exitCode = 1;
	} else {
		console.log('Verification lint passed.');
	}
} catch (error) {
	console.error(`Verification lint could not run: ${error.message}`);
	process.exitCode = 2;
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
