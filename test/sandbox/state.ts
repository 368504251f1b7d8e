import { FaultQueue } from './faults';
import { KeyQuota } from './keyQuota';
import { OtpDesk } from './otp';
import { HttpError } from './reply';
import { insert } from './resources/crud';
import { resources } from './resources';
import { childScope } from './router';
import { Store } from './store';
import { LINK_STYLES } from './types';
import type {
	ConfigPatch,
	Env,
	LinkStyle,
	LoggedRequest,
	Rec,
	Registry,
	ResourceDef,
	SandboxConfig,
	Scope,
} from './types';

export interface Credentials {
	username: string;
	password: string;
	apiKey: string;
}

function buildRegistry(defs: readonly ResourceDef[]): Registry {
	return {
		all: defs,
		root: () => defs.find((d) => d.name === ''),
		named: (name) => (name === '' ? undefined : defs.find((d) => d.name === name)),
	};
}

function checkLimit(v: unknown, name: string): number | undefined {
	if (v === undefined || v === null) return undefined;
	// 0 is allowed: "every request is over the limit" is a useful test setting.
	if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
		throw new HttpError(400, `${name} must be an integer >= 0`);
	return v;
}

/** Everything one sandbox holds: data, configuration, log, faults and quota counters. */
export class SandboxState implements Env {
	readonly store = new Store();
	readonly registry = buildRegistry(resources);
	readonly faults = new FaultQueue();
	readonly quota = new KeyQuota();
	readonly otp = new OtpDesk();
	readonly log: LoggedRequest[] = [];
	config: SandboxConfig;
	seq = 0;
	private defaultWs = '';

	constructor(
		readonly url: string,
		readonly credentials: Credentials,
		private readonly defaults: SandboxConfig,
	) {
		this.config = { ...defaults };
		this.reset();
	}

	get apiKey(): string {
		return this.credentials.apiKey;
	}

	get username(): string {
		return this.credentials.username;
	}

	defaultWorkspaceId(): string {
		return this.defaultWs;
	}

	reset(): void {
		this.store.clear();
		this.faults.clear();
		this.quota.clear();
		this.otp.clear();
		this.log.length = 0;
		this.seq = 0;
		this.config = { ...this.defaults };
		const ws = this.registry.named('workspaces')!;
		this.defaultWs = insert(ws, { env: this, scope: '' }, { projectName: 'My Company' }).id;
	}

	configure(patch: ConfigPatch): void {
		const p = (patch ?? {}) as Record<string, unknown>;
		const next = { ...this.config };
		if (p.latencyMs !== undefined) {
			if (typeof p.latencyMs !== 'number' || !(p.latencyMs >= 0))
				throw new HttpError(400, 'latencyMs must be >= 0');
			next.latencyMs = p.latencyMs;
		}
		if (p.linkStyle !== undefined) {
			if (!LINK_STYLES.includes(p.linkStyle as LinkStyle)) {
				throw new HttpError(400, `linkStyle must be one of ${LINK_STYLES.join(', ')}`);
			}
			next.linkStyle = p.linkStyle as LinkStyle;
		}
		if (p.rateLimit !== undefined) {
			const r = p.rateLimit as Record<string, unknown> | null;
			if (r !== null && typeof r !== 'object')
				throw new HttpError(400, 'rateLimit must be an object or null');
			next.rateLimit =
				r === null
					? null
					: {
							perSecond: checkLimit(r.perSecond, 'perSecond'),
							perDay: checkLimit(r.perDay, 'perDay'),
						};
			// New limits start from clean counters, so a test's burst is measured against them alone.
			this.quota.clear();
		}
		this.config = next;
	}

	/**
	 * Changes the key's per-second limit while requests flow, keeping what the window has counted, as
	 * Whispir lowering (or restoring) a key's limit would: a drop refuses at once what is over the new limit.
	 */
	changeKeyLimit(perSecond: unknown): void {
		this.config = {
			...this.config,
			rateLimit: { ...this.config.rateLimit, perSecond: checkLimit(perSecond, 'perSecond') },
		};
	}

	private scopeFor(def: ResourceDef, workspaceId?: string): Scope {
		if (def.scope === 'company') return { env: this, scope: '' };
		const wid = workspaceId ?? this.defaultWs;
		if (!this.store.get('workspaces', wid)) throw new HttpError(404, `Workspace ${wid} not found`);
		return { env: this, workspaceId: wid, scope: wid };
	}

	private seedable(resource: string): ResourceDef {
		const def = this.registry.named(resource);
		if (!def) throw new HttpError(400, `Unknown resource "${resource}"`);
		return def;
	}

	/** A sub-resource's records live under their parent's record (devices under a contact…). */
	private childScopeFor(
		def: ResourceDef,
		workspaceId: string | undefined,
		parentId: string,
	): Scope {
		const parent = this.seedable(def.parent!);
		const parentScope = this.scopeFor(parent, workspaceId);
		if (!this.store.get(parent.name, parentId, parentScope.scope)) {
			throw new HttpError(404, `${parent.itemName} ${parentId} not found`);
		}
		return { ...parentScope, scope: childScope(parentScope.scope, parentId) };
	}

	seed(resource: string, records: object[], workspaceId?: string, parentId?: string): string[] {
		const def = this.seedable(resource);
		if (!Array.isArray(records)) throw new HttpError(400, 'records must be an array');
		if (def.parent && parentId === undefined)
			throw new HttpError(400, `${resource} needs a parentId`);
		const scope = def.parent
			? this.childScopeFor(def, workspaceId, parentId!)
			: this.scopeFor(def, workspaceId);
		return records.map((r) => insert(def, scope, { ...(r as Record<string, unknown>) }).id);
	}

	/** Stored records; without a workspace id, those of every workspace (and every parent). */
	records(resource: string, workspaceId?: string, parentId?: string): Rec[] {
		const def = this.seedable(resource);
		if (def.parent && parentId !== undefined) {
			return this.store.list(def.name, this.childScopeFor(def, workspaceId, parentId).scope);
		}
		if (def.parent || (def.scope === 'workspace' && workspaceId === undefined))
			return this.store.list(def.name);
		return this.store.list(def.name, this.scopeFor(def, workspaceId).scope);
	}
}
