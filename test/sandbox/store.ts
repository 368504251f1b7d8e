import { randomBytes } from 'node:crypto';
import type { Rec } from './types';

interface Entry {
	scope: string;
	rec: Rec;
}

/** Whispir ids look like BB9ECBE5BA73CD81: 16 upper-case hex characters. */
export function newId(): string {
	return randomBytes(8).toString('hex').toUpperCase();
}

/**
 * All records, one table per resource. A record's scope (workspace id, '' for company
 * data) is kept beside it rather than in separate tables so that company-wide reads
 * keep the global insertion order.
 */
export class Store {
	private readonly tables = new Map<string, Map<string, Entry>>();

	private table(resource: string): Map<string, Entry> {
		let t = this.tables.get(resource);
		if (!t) {
			t = new Map();
			this.tables.set(resource, t);
		}
		return t;
	}

	/** Records of one scope, or of every scope when scope is undefined. */
	list(resource: string, scope?: string): Rec[] {
		const out: Rec[] = [];
		for (const e of this.table(resource).values()) {
			if (scope === undefined || e.scope === scope) out.push(e.rec);
		}
		return out;
	}

	get(resource: string, id: string, scope?: string): Rec | undefined {
		const e = this.table(resource).get(id);
		return e && (scope === undefined || e.scope === scope) ? e.rec : undefined;
	}

	/** Inserts, or replaces the record with the same id. */
	put(resource: string, scope: string, rec: Rec): Rec {
		this.table(resource).set(rec.id, { scope, rec });
		return rec;
	}

	remove(resource: string, id: string): void {
		this.table(resource).delete(id);
	}

	clear(): void {
		this.tables.clear();
	}
}
