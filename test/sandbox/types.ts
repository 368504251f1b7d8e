// Shared shapes of the sandbox. Resource files only need ResourceDef, Operation, Ctx and Reply.
import type { Store } from './store';

/**
 * How list pages link to their neighbours: absolute or relative URIs, 'single' (one object, not an
 * array), or 'none' (no `status` and no page links, as in Whispir's workspaces example).
 */
export const LINK_STYLES = ['absolute', 'relative', 'single', 'none'] as const;
export type LinkStyle = (typeof LINK_STYLES)[number];

export interface RateLimit {
	perSecond?: number;
	perDay?: number;
}

export interface SandboxConfig {
	latencyMs: number;
	/** null: no limit. */
	rateLimit: RateLimit | null;
	linkStyle: LinkStyle;
}

export type ConfigPatch = Partial<SandboxConfig>;

export const FAULT_TYPES = [
	'status',
	'delay',
	'reset-before-body',
	'reset-after-body',
	'reset-after-processing',
	'html-200',
	'malformed-json',
	'cut-mid-body',
	'drip-body',
	'echo-headers',
] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

export interface FaultSpec {
	method?: string;
	/** Prefix match on the request path, e.g. "/workspaces". */
	path?: string;
	/** How many matching requests the rule hits before it is used up (default 1). */
	times?: number;
	/** Query values a request must carry to be hit, e.g. `{ offset: '20' }` for page 2 of a list. */
	query?: Record<string, string>;
	type: FaultType;
	status?: number;
	headers?: Record<string, string>;
	body?: string;
	delayMs?: number;
	/** `drip-body`: milliseconds between two bytes of the answer (default 1000). */
	dripMs?: number;
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
	/** A `drip-body` answer: whether the client closed the connection before the last byte. */
	closedByClient?: boolean;
	/** What the sandbox answered (absent after a reset): for the contract check against Whispir's OpenAPI. */
	answer?: { contentType?: string; location?: string; body?: unknown };
}

export interface Link {
	uri: string;
	rel: string;
	method: string;
}

/** A stored record. Keys starting with "_" are internal and never shown to clients. */
export type Rec = Record<string, unknown> & { id: string };

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** What a handler answers; the pipeline renders it as JSON or XML per the request's Accept. */
export interface Reply {
	status: number;
	headers?: Record<string, string>;
	/** A single entity, rendered with the resource's `itemName` as XML root. */
	entity?: Record<string, unknown>;
	/** A list page, rendered in Whispir's `return` wrapper. */
	list?: ListPage;
	/** A plain-text body, e.g. the 202 "Your request has been accepted for processing." of a send. */
	text?: string;
}

export interface ListPage {
	/** "1 to 20 of 873"; left out by link style 'none' except on empty pages. */
	status?: string;
	/** The array key (JSON) and list element (XML), when not the resource's `listKey`. */
	key?: string;
	items: Record<string, unknown>[];
	/** Top-level links; left out by link style 'none', and by 'single' without neighbours. */
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
	/** The company root, path "/". */
	root(): ResourceDef | undefined;
	/** A resource by its path segment. */
	named(name: string): ResourceDef | undefined;
}

/**
 * What happened to a sent message, announced by the code that simulates recipients (control API)
 * to whoever reacts to it: the callbacks resource delivers it to the message's callback.
 */
export interface MessageEvent {
	kind: 'reply' | 'undeliverable';
	/** The stored message record (its `callbackId`, `callbackParameters`…) and where it lives. */
	message: Rec;
	scope: string;
	/** The message's public address, e.g. https://…/messages/ABC (no API key). */
	messageLocation: string;
	from: { name: string; mri: string; mobile: string; email: string; voice: string };
	channel: 'SMS' | 'EMAIL' | 'VOICE';
	/** The reply text, or the failure reason for undeliverable. */
	content: string;
	/** Whispir's dd/MM/yy HH:mm. */
	at: string;
	/** Whispir-provided customParameters beyond the message's own callback parameters. */
	extraParameters?: Record<string, string>;
}

export type MessageEventListener = (event: MessageEvent, env: Env) => void | Promise<void>;

/** Where a record lives: `scope` is the workspace id, or '' for company-level data. */
export interface Scope {
	env: Env;
	workspaceId?: string;
	scope: string;
}

/** What a request's path names. */
export interface Route {
	resource: ResourceDef;
	kind: 'collection' | 'item';
	id?: string;
	workspaceId?: string;
	scope: string;
	/** True when the request came through /workspaces/{wid}/… */
	prefixed: boolean;
	/** The parent record's id, for sub-resources such as /contacts/{parentId}/devices. */
	parentId?: string;
	/** The request's collection path, e.g. /workspaces/ABC/activities; used for Location and links. */
	collectionPath: string;
}

export interface Ctx extends Route, Scope {
	method: string;
	path: string;
	query: Record<string, string>;
	/** The parsed request body (POST, PUT, PATCH); {} otherwise. */
	body: Record<string, unknown>;
	/** The short media type the body came as, e.g. 'bulkmessage-v1'; undefined without a body. */
	mediaType?: string;
	/** Every query parameter, repeated ones included (PUT /callbacks/{id}/calls?id=A&id=B). */
	queryAll?: URLSearchParams;
}

export interface Operation {
	handle(ctx: Ctx): Reply | Promise<Reply>;
}

export type Operations = Partial<Record<Method, Operation>>;

export interface ResourceDef {
	/** Path segment, e.g. "workspaces"; '' for the company root. */
	name: string;
	/** Whispir's short media type name, as in the node: 'workspace-v1' (media.ts builds the full type). */
	mediaType: string;
	/** Further media types the resource accepts (messages also take 'bulkmessage-v1'); see `Ctx.mediaType`. */
	otherMediaTypes?: readonly string[];
	/** Array key of list answers (JSON) and the list element (XML). */
	listKey: string;
	/** Element name of one item in XML. */
	itemName: string;
	/** 'workspace': reachable as /<name> (default workspace) and /workspaces/{wid}/<name>. */
	scope: 'company' | 'workspace';
	/** A sub-resource, reached only as /<parent>/{id}/<name>: e.g. devices under 'contacts'. */
	parent?: string;
	/** A company resource that can also be listed as /workspaces/{wid}/<name> (Whispir's users). */
	listedPerWorkspace?: boolean;
	/** Unprefixed GETs read across all workspaces (Whispir's /activities). */
	companyWide?: boolean;
	/** Whispir answers 404 "No records found" instead of an empty 200 page. */
	emptyListIs404?: boolean;
	/** Accept any JSON/XML type (the company root has no documented media type). */
	lenientMedia?: boolean;
	collection?: Operations;
	item?: Operations;
	/** Reacts to a message event (see MessageEvent and `emitMessageEvent` in events.ts). */
	onMessageEvent?: MessageEventListener;
	/** Fills defaults on create and seed. */
	prepare?(input: Record<string, unknown>, scope: Scope): Record<string, unknown>;
	/** Shapes a record for clients; default: the record without "_" keys plus a self link. */
	view?(rec: Rec, ctx: Ctx, mode: 'list' | 'item'): Record<string, unknown>;
}
