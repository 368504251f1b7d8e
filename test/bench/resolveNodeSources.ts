// Under tsx (CommonJS, as this package compiles), `import … from '…/Whispir.node'` finds the codex
// file `Whispir.node.json` before `Whispir.node.ts`: Node tries `.json` before the extensions tsx
// adds. Vitest resolves the `.ts` first, so the tests never meet this. Imported first by main.ts.
import Module from 'node:module';

type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleWithResolve = Module as unknown as { _resolveFilename: Resolve };
const resolve = moduleWithResolve._resolveFilename;
moduleWithResolve._resolveFilename = function (request, ...rest) {
	const source = /(^|\/)(Whispir|WhispirTrigger)\.node$/.test(request) ? `${request}.ts` : request;
	return resolve.call(this, source, ...rest);
};
