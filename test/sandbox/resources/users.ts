// Users (Whispir's Users docs: https://developers.whispir.com/c2NoOjU4ODQwOQ-user): company-level, with a status state machine. New users are PENDING;
// PUT replaces the whole record except the password, and moves the status only along the
// documented transitions. GET /users lists ACTIVE users only, under `Users` with single-object
// links; GET /workspaces/{wid}/users lists a workspace's users under `users`. DELETE /users
// deletes every user of the company.
import { linkUri, paginate, publicFields, selfLink, sortedAsAsked } from '../links';
import { HttpError, empty } from '../reply';
import type { Ctx, Operation, Rec, ResourceDef } from '../types';
import { createOp, deleteOp, find, getOp, nameTaken } from './crud';
import { requireFields, sameText } from './validate';

/** Status words (records, PUT bodies) and the letters searches use. */
const CODES: Record<string, string> = {
	A: 'ACTIVE',
	I: 'INACTIVE',
	P: 'PENDING',
	B: 'SUSPENDED',
	D: 'DELETED',
};
const NEXT: Record<string, string[]> = {
	PENDING: ['INACTIVE', 'DELETED'],
	INACTIVE: ['ACTIVE', 'DELETED'],
	SUSPENDED: ['ACTIVE', 'DELETED'],
	ACTIVE: ['SUSPENDED', 'DELETED'],
	DELETED: [],
};
// Not profile fields: generated, or handled on their own.
const RESERVED = ['id', 'link', 'mri', 'status', 'password'];

function checkPassword(password: unknown): string {
	const p = typeof password === 'string' ? password : '';
	if (!/^[A-Za-z0-9_]{8,}$/.test(p) || !/[A-Z]/.test(p) || !/[a-z]/.test(p)) {
		throw new HttpError(
			422,
			'password must be at least 8 characters of [a-zA-Z0-9_] with an upper-case and a lower-case letter',
		);
	}
	return p;
}

/** Every scalar field of the body as a string; a PUT stores only these (full replace). */
function profile(body: Record<string, unknown>, ctx: Ctx): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(body)) {
		if (RESERVED.includes(key) || key.startsWith('_') || value === undefined || value === null)
			continue;
		if (typeof value === 'object') throw new HttpError(422, `${key} must be a string`);
		out[key] = String(value);
	}
	if (out.userName && nameTaken(ctx, 'userName', out.userName)) {
		throw new HttpError(422, `userName ${out.userName} is already used`);
	}
	return out;
}

const put: Operation = {
	handle(ctx) {
		const current = find(ctx);
		const from = String(current.status);
		let status = from;
		if (ctx.body.status !== undefined) {
			status = String(ctx.body.status);
			// "The status text is case sensitive … Always use uppercase."
			if (!(status in NEXT))
				throw new HttpError(
					422,
					`status must be one of ${Object.keys(NEXT).join(', ')} (upper case)`,
				);
			if (status !== from && !NEXT[from].includes(status)) {
				throw new HttpError(422, `status cannot change from ${from} to ${status}`);
			}
		}
		// "Any missing fields, except for the password field, will be automatically removed."
		const password =
			ctx.body.password === undefined ? current._password : checkPassword(ctx.body.password);
		ctx.env.store.put('users', '', {
			...profile(ctx.body, ctx),
			status,
			_password: password,
			_workspaces: current._workspaces,
			id: current.id,
		});
		return empty(204);
	},
};

/** Search: any field (case-insensitive), status by letter; without a status, ACTIVE users only. */
function matches(user: Rec, query: Record<string, string>): boolean {
	for (const [key, value] of Object.entries(query)) {
		if (['limit', 'offset', 'sortOrder', 'sortFields', 'status'].includes(key)) continue;
		if (!sameText(user[key], value)) return false;
	}
	return query.status === undefined
		? user.status === 'ACTIVE'
		: user.status === CODES[query.status.toUpperCase()];
}

const list: Operation = {
	handle(ctx) {
		const all = ctx.env.store.list('users', '');
		if (!ctx.prefixed)
			return {
				status: 200,
				list: paginate(
					ctx,
					sortedAsAsked(
						all.filter((u) => matches(u, ctx.query)),
						ctx.query,
					),
				),
			};
		// The workspace list has its own key: `users`, lower case (Whispir's Users docs: https://developers.whispir.com/c2NoOjU4ODQwOQ-user).
		const members = all.filter(
			(u) => (u._workspaces as string[]).includes(ctx.workspaceId ?? '') && u.status !== 'DELETED',
		);
		return { status: 200, list: { ...paginate(ctx, members), key: 'users' } };
	},
};

const deleteAll: Operation = {
	handle(ctx) {
		for (const user of ctx.env.store.list('users', '')) ctx.env.store.remove('users', user.id);
		return empty(204);
	},
};

export const users: ResourceDef = {
	name: 'users',
	mediaType: 'user-v1',
	// Documented with a capital U for the company list (XML <ns2:Users>).
	listKey: 'Users',
	itemName: 'user',
	scope: 'company',
	listedPerWorkspace: true,
	prepare: (input, { env }) => {
		const { password, ...rest } = input;
		return {
			status: 'PENDING',
			_password: password,
			_workspaces: [env.defaultWorkspaceId()],
			...rest,
		};
	},
	view(rec, ctx, mode) {
		if (mode === 'list') {
			const out: Record<string, unknown> = { id: rec.id };
			for (const key of [
				'firstName',
				'lastName',
				'companyName',
				'workEmailAddress1',
				'workMobilePhone1',
			]) {
				if (rec[key] !== undefined) out[key] = rec[key];
			}
			// Company list items carry one link object, workspace list items an array.
			const self = selfLink(ctx, rec.id);
			out.link = ctx.prefixed ? [self] : self;
			return out;
		}
		const out: Record<string, unknown> = { ...publicFields(rec), password: '' };
		const self = selfLink(ctx, rec.id);
		if (ctx.method === 'POST') {
			const uri = linkUri(ctx, `/users/${rec.id}`);
			out.link = [
				self,
				{ uri, rel: 'updateUser', method: 'PUT' },
				{ uri, rel: 'deleteUser', method: 'DELETE' },
			];
		} else {
			out.link = self;
		}
		return out;
	},
	collection: {
		GET: list,
		POST: createOp({
			withBody: true,
			validate(body, ctx) {
				requireFields(body, ['userName', 'password', 'workEmailAddress1', 'workMobilePhone1']);
				if (body.status !== undefined)
					throw new HttpError(422, 'status cannot be set when a user is created');
				return { ...profile(body, ctx), password: checkPassword(body.password) };
			},
		}),
		DELETE: deleteAll,
	},
	item: { GET: getOp(), PUT: put, DELETE: deleteOp() },
};
