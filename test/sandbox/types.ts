// Shared shapes of the sandbox. Resource files only need ResourceDef, Operation, Ctx and Reply.
import type { Store } from './store';

export type LinkStyle = 'absolute' | 'relative' | 'single';

export interface RateLimit {
	perSecond?: number;
	perDay?: number;
}

export interface SandboxConfig {
	latencyMs: number;
	rateLimit: RateLimit | null;
	linkStyle: LinkStyle;
}

export type FaultType =
	| 'status'
	| 'delay'
	| 'reset-before-body'
	| 'reset-after-body'
	| 'reset-after-processing'
	| 'html-200'
	| 'malformed-json';

export interface FaultSpec {
	method?: string;
	/** Prefix match on the request path, e.g. "/workspaces". */
	path?: string;
	/** How many matching requests the rule hits before it is used up (default 1). */
	times?: number;
	type: FaultType;
	status?: number;
	headers?: Record<string, string>;
	body?: string;
	delayMs?: number;
}

export interface LoggedRequest {
	seq: number;
	time: number;
	method: string;
	path: string;
	query: Record<string, string>;
	accept?: string;
	contentType?: string;
	body?: unknown;
	status: number;
	errorCode?: string;
	fault?: string;
}

export interface Link {
	uri: string;
	rel: string;
	method: string;
	type?: string;
}

/** A stored record. Keys starting with "_" are internal and never shown to clients. */
export type Rec = Record<string, unknown> & { id: string };

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** What a handler answers; the pipeline renders it as JSON or XML per the request's Accept. */
export interface Reply {
	status: number;
	headers?: Record<string, string>;
	/** Plain text body (errors, acknowledgements). */
	text?: string;
	contentType?: string;
	/** A single entity, rendered with the resource's item element (or `root`) as XML root. */
	entity?: Record<string, unknown>;
	root?: string;
	/** A list page, rendered in Whispir's `return` wrapper. */
	list?: ListPage;
}

export interface ListPage {
	status: string;
	items: Record<string, unknown>[];
	/** Top-level links; undefined = omitted (single link style without neighbours). */
	link?: Link | Link[];
}

/** What the handlers may read or change. */
export interface Env {
	readonly url: string;
	readonly apiKey: string;
	readonly username: string;
	readonly store: Store;
	readonly config: SandboxConfig;
	readonly registry: Registry;
	defaultWorkspaceId(): string;
}

export interface Registry {
	readonly all: readonly ResourceDef[];
	root(): ResourceDef | undefined;
	/** A top-level resource (no parent) by its path segment. */
	top(name: string): ResourceDef | undefined;
	/** A sub-resource such as /messages/{id}/messagestatus. */
	child(parent: string, name: string): ResourceDef | undefined;
}

/** Where a record lives: `scope` is '' for company-level data, the workspace id, or a parent path. */
export interface Scope {
	env: Env;
	workspaceId?: string;
	scope: string;
}

export interface Ctx extends Scope {
	method: string;
	path: string;
	query: Record<string, string>;
	/** The parsed request body; {} when the request has none. */
	body: Record<string, unknown>;
	resource: ResourceDef;
	/** The request's collection path, e.g. /workspaces/ABC/activities; used for Location and links. */
	collectionPath: string;
	id?: string;
	/** True when the request came through /workspaces/{wid}/… */
	prefixed: boolean;
	parent?: { resource: ResourceDef; id: string; scope: string };
}

export interface Operation {
	handle(ctx: Ctx): Reply | Promise<Reply>;
	/** Default: 'required' for POST/PUT/PATCH, 'none' otherwise. */
	body?: 'required' | 'optional' | 'none';
}

export type Operations = Partial<Record<Method, Operation>>;

export interface ResourceDef {
	/** Path segment, e.g. "workspaces"; '' for the company root. */
	name: string;
	/** Vendor media type without the suffix, e.g. application/vnd.whispir.workspace-v1 */
	mediaType: string;
	/** Array key of list answers (JSON) and the list element (XML). */
	listKey: string;
	/** Element name of one item in XML. */
	itemName: string;
	/** 'workspace': reachable as /<name> (default workspace) and /workspaces/{wid}/<name>. */
	scope: 'company' | 'workspace';
	/** Set on sub-resources: the parent's name (/<parent>/{id}/<name>). */
	parent?: string;
	/** Unprefixed GETs read across all workspaces (Whispir's /activities). */
	companyWide?: boolean;
	/** Whispir answers 404 "No records found" instead of an empty 200 page. */
	emptyListIs404?: boolean;
	/** Accept any JSON/XML type (the company root has no documented media type). */
	lenientMedia?: boolean;
	collection?: Operations;
	item?: Operations;
	/** Fills defaults on create and seed. */
	prepare?(input: Record<string, unknown>, scope: Scope): Record<string, unknown>;
	/** Shapes a record for clients; default: the record without "_" keys plus a self link. */
	view?(rec: Rec, ctx: Ctx, mode: 'list' | 'item'): Record<string, unknown>;
	/** XML element names of array items where dropping the plural "s" is wrong. */
	xmlItemNames?: Record<string, string>;
}
