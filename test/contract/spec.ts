// Whispir's OpenAPI (vendored in whispir-openapi.yaml) with our patch list (patches.yaml) applied,
// and the checks of one exchange with the sandbox against it: the request as the node sent it, the
// answer as the sandbox gave it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { load as parseYaml } from 'js-yaml';

import type { LoggedRequest } from '../sandbox/types';

type Json = Record<string, unknown>;

/** One entry of patches.yaml: a change to Whispir's spec, with its reason and its source. */
export interface Patch {
	id: string;
	what: string;
	why: string;
	/** The section of Whispir's public documentation that supports the patch. */
	docs: string;
	/** RFC 6902 operations on the spec (add, replace, remove, move). */
	ops?: Array<{
		op: 'add' | 'replace' | 'remove' | 'move';
		path: string;
		value?: unknown;
		from?: string;
	}>;
	/** Paths Whispir serves that the spec lacks, each checked as the spec path it stands for. */
	aliases?: Record<string, string>;
}

export interface Operation {
	operationId: string;
	method: string;
	/** The spec's path template. */
	path: string;
	definition: Json;
}

const HERE = __dirname;
const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

function pointer(path: string): string[] {
	return path
		.split('/')
		.slice(1)
		.map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Applies one RFC 6902 operation; a target that is not there throws, so a stale patch is noticed. */
function applyOp(spec: Json, { op, path, value, from }: NonNullable<Patch['ops']>[number]): void {
	if (op === 'move') {
		const moved = pointer(from ?? '').reduce<unknown>((at, key) => (at as Json)?.[key], spec);
		if (moved === undefined) throw new Error(`patch source ${from} does not exist`);
		applyOp(spec, { op: 'remove', path: from as string });
		return applyOp(spec, { op: 'add', path, value: moved });
	}
	const keys = pointer(path);
	const last = keys.pop() as string;
	let parent: unknown = spec;
	for (const key of keys) {
		parent = (parent as Json)?.[key];
		if (parent === undefined) throw new Error(`patch target ${path} does not exist`);
	}
	if (Array.isArray(parent)) {
		const index = last === '-' ? parent.length : Number(last);
		if (op !== 'add' && !(index in parent)) throw new Error(`patch target ${path} does not exist`);
		parent.splice(index, op === 'add' ? 0 : 1, ...(op === 'remove' ? [] : [value]));
		return;
	}
	const object = parent as Json;
	if (op !== 'add' && !(last in object)) throw new Error(`patch target ${path} does not exist`);
	if (op === 'remove') delete object[last];
	else object[last] = value;
}

function templateRegExp(template: string): RegExp {
	const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
	return new RegExp(`^${source}$`);
}

/** `application/vnd.whispir.contact-v1+json; charset=utf-8` → `application/vnd.whispir.contact-v1+json`. */
function bareType(type: string | undefined): string | undefined {
	return type?.split(';')[0].trim().toLowerCase();
}

function errorsOf(validate: ValidateFunction): string {
	return (validate.errors ?? [])
		.slice(0, 5)
		.map(
			(e) =>
				`${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : ''}`,
		)
		.join('; ');
}

export class WhispirContract {
	readonly spec: Json;
	readonly patches: Patch[];
	private readonly aliases = new Map<string, string>();
	private readonly ajv: Ajv;
	private readonly schemas = new Map<string, ValidateFunction>();

	constructor(spec: Json, patches: Patch[]) {
		this.spec = spec;
		this.patches = patches;
		for (const patch of patches) {
			for (const op of patch.ops ?? []) applyOp(spec, op);
			for (const [alias, target] of Object.entries(patch.aliases ?? {})) {
				if (!this.paths[target])
					throw new Error(`patch ${patch.id}: alias target ${target} is not a spec path`);
				this.aliases.set(alias, target);
			}
		}
		// OpenAPI 3.0 schemas carry `example`, `x-…` and `nullable`; strict mode would reject them.
		this.ajv = new Ajv({ strict: false, allErrors: true });
		addFormats(this.ajv);
		this.ajv.addSchema(spec, 'spec');
	}

	static load(): WhispirContract {
		const spec = parseYaml(readFileSync(join(HERE, 'whispir-openapi.yaml'), 'utf8')) as Json;
		const patches = parseYaml(readFileSync(join(HERE, 'patches.yaml'), 'utf8')) as Patch[];
		return new WhispirContract(spec, patches);
	}

	private get paths(): Record<string, Json> {
		return this.spec.paths as Record<string, Json>;
	}

	/** Follows a local `$ref`. */
	resolve<T = Json>(node: unknown): T {
		let current = node as Json;
		while (current && typeof current.$ref === 'string') {
			current = pointer(current.$ref.slice(1)).reduce<Json>(
				(at, key) => at[key] as Json,
				this.spec,
			);
		}
		return current as T;
	}

	/** Every operation of the (patched) spec. */
	operations(): Operation[] {
		return Object.entries(this.paths).flatMap(([path, item]) =>
			METHODS.filter((m) => item[m]).map((m) => {
				const definition = item[m] as Json;
				return {
					operationId: definition.operationId as string,
					method: m.toUpperCase(),
					path,
					definition,
				};
			}),
		);
	}

	/** The spec path a concrete path stands for, through the aliases of the patch list. */
	template(concretePath: string): string | undefined {
		const candidates = [...Object.keys(this.paths), ...this.aliases.keys()];
		// A literal segment beats a parameter: `/users` before `/{…}`, fewer parameters first.
		const ranked = candidates.sort(
			(a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0),
		);
		const found = ranked.find((template) => templateRegExp(template).test(concretePath));
		return found && (this.aliases.get(found) ?? found);
	}

	operation(method: string, concretePath: string): Operation | undefined {
		const path = this.template(concretePath);
		const definition = path
			? (this.paths[path][method.toLowerCase()] as Json | undefined)
			: undefined;
		return path && definition
			? { operationId: definition.operationId as string, method, path, definition }
			: undefined;
	}

	private parameters(operation: Operation): Json[] {
		const shared = (this.paths[operation.path].parameters as unknown[]) ?? [];
		const own = (operation.definition.parameters as unknown[]) ?? [];
		return [...shared, ...own].map((p) => this.resolve(p));
	}

	private validator(schema: unknown, key: string): ValidateFunction {
		let validate = this.schemas.get(key);
		if (!validate) {
			validate = this.ajv.compile(rebase(schema) as object);
			this.schemas.set(key, validate);
		}
		return validate;
	}

	private checkSchema(schema: unknown, key: string, value: unknown): string | undefined {
		if (!schema) return undefined;
		const validate = this.validator(schema, key);
		return validate(value) ? undefined : errorsOf(validate);
	}

	/** What is wrong with a request, by the spec: path and method, required parameters, media types, body. */
	checkRequest(request: LoggedRequest): string[] {
		const operation = this.operation(request.method, request.path);
		if (!operation) {
			return [
				this.template(request.path)
					? `${request.method} is not an operation of ${this.template(request.path)}`
					: `no spec path matches ${request.path}`,
			];
		}
		const problems: string[] = [];
		for (const parameter of this.parameters(operation)) {
			const name = parameter.name as string;
			const enumOf =
				(this.resolve<Json>(parameter.schema ?? {}).enum as string[] | undefined) ?? undefined;
			if (parameter.in === 'query') {
				const value = request.query[name];
				if (value === undefined && parameter.required)
					problems.push(`query parameter ${name} is required`);
				if (value !== undefined && enumOf && !enumOf.includes(value))
					problems.push(`query parameter ${name}=${value} is not one of ${enumOf.join(', ')}`);
			}
			// The log keeps Accept and Content-Type; the API key header is enforced by the sandbox's gateway.
			if (parameter.in === 'header' && (name === 'Accept' || name === 'Content-Type')) {
				const value = bareType(name === 'Accept' ? request.accept : request.contentType);
				if (
					value === undefined &&
					parameter.required &&
					(name === 'Accept' || request.body !== undefined)
				)
					problems.push(`header ${name} is required`);
				if (value !== undefined && enumOf && !enumOf.includes(value))
					problems.push(`header ${name}: ${value} is not one of ${enumOf.join(', ')}`);
			}
		}
		const requestBody = this.resolve<Json | undefined>(operation.definition.requestBody);
		const content = (requestBody?.content ?? {}) as Record<string, Json>;
		if (request.body === undefined) {
			// With a Content-Type the body was sent but not read: the gateway refused the request first.
			if (requestBody?.required && request.contentType === undefined)
				problems.push('a request body is required');
			return problems;
		}
		if (!requestBody) return [...problems, 'the operation takes no request body'];
		const type = bareType(request.contentType) ?? '';
		if (!content[type])
			return [
				...problems,
				`request media type ${type} is not one of ${Object.keys(content).join(', ')}`,
			];
		if (!type.endsWith('json')) return problems;
		const bodyProblem = this.checkSchema(
			content[type].schema,
			`${operation.operationId} request ${type}`,
			request.body,
		);
		return bodyProblem ? [...problems, `request body: ${bodyProblem}`] : problems;
	}

	/** The spec's response for an answer's status: the status itself, its class (`4XX`), or `default`. */
	private documentedResponse(operation: Operation, status: number): Json | undefined {
		const responses = operation.definition.responses as Record<string, unknown>;
		return this.resolve<Json | undefined>(
			responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default,
		);
	}

	/** An error status the spec documents no response for: reported in the summary, not a violation. */
	undocumentedError(request: LoggedRequest): boolean {
		const operation = this.operation(request.method, request.path);
		return (
			operation !== undefined &&
			(request.status < 200 || request.status > 299) &&
			!this.documentedResponse(operation, request.status)
		);
	}

	/** What is wrong with an answer, by the spec: declared status, media type, body schema. */
	checkAnswer(request: LoggedRequest): string[] {
		const operation = this.operation(request.method, request.path);
		if (!operation || !request.answer) return [];
		const response = this.documentedResponse(operation, request.status);
		const success = request.status >= 200 && request.status <= 299;
		if (!response && !success) return [];
		if (!response) {
			const responses = operation.definition.responses as Record<string, unknown>;
			return [
				`status ${request.status} is not a documented answer (${
					Object.keys(responses)
						.filter((s) => s.startsWith('2'))
						.join(', ') || 'none'
				})`,
			];
		}
		const { body, contentType } = request.answer;
		if (body === undefined) return [];
		const content = (response.content ?? {}) as Record<string, Json>;
		const type = bareType(contentType) ?? '';
		if (!content[type])
			return [
				`answer media type ${type} is not one of ${Object.keys(content).join(', ') || '(no body)'}`,
			];
		if (!type.endsWith('json')) return [];
		const bodyProblem = this.checkSchema(
			content[type].schema,
			`${operation.operationId} ${request.status} ${type}`,
			body,
		);
		return bodyProblem ? [`answer body: ${bodyProblem}`] : [];
	}
}

/** Points the `$ref`s of an inline schema into the spec registered as `spec`. */
function rebase(schema: unknown): unknown {
	if (Array.isArray(schema)) return schema.map(rebase);
	if (!schema || typeof schema !== 'object') return schema;
	return Object.fromEntries(
		Object.entries(schema).map(([key, value]) => [
			key,
			key === '$ref' && typeof value === 'string' && value.startsWith('#')
				? `spec${value}`
				: rebase(value),
		]),
	);
}
