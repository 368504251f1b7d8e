// Push apps (Whispir's Apps docs: https://developers.whispir.com): company-level only. Certificates and keys go in as PEM text
// (one JSON string with \n line breaks) and never come back: answers show `certificateDate`
// instead. A PUT replaces the app, but certificates left out are kept.
import { randomUUID } from 'node:crypto';
import { selfLink } from '../links';
import { HttpError } from '../reply';
import type { Rec, ResourceDef } from '../types';
import { createOp, deleteOp, getOp, listOp, replaceOp } from './crud';
import { isObject, requireFields, strings } from './validate';

type Obj = Record<string, unknown>;

const asObject = (value: unknown, field: string): Obj => {
	if (value === undefined || value === null) return {};
	if (!isObject(value)) throw new HttpError(422, `${field} must be an object`);
	return value;
};

/** A PEM block whose line breaks arrived as newlines: "an incorrect value will lead to failure". */
function pem(value: unknown, field: string, kind: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value);
	const block = new RegExp(
		`^-----BEGIN [A-Z ]*${kind}-----\\n[\\s\\S]+\\n-----END [A-Z ]*${kind}-----$`,
	);
	if (!block.test(text)) throw new HttpError(422, `${field} is not a valid ${kind.toLowerCase()}`);
	return text;
}

/** The certificates of one APNs group: the new ones, else those already stored. */
function certificates(
	group: 'apns' | 'apnsSandbox',
	body: Obj,
	kept: Obj | undefined,
	now: string,
): Obj | undefined {
	const given = asObject(body[group], group);
	const certificate = pem(given.certificate, `${group}.certificate`, 'CERTIFICATE');
	const privateKey = pem(given.privateKey, `${group}.privateKey`, 'PRIVATE KEY');
	if (certificate === undefined && privateKey === undefined) return kept;
	return {
		certificate: certificate ?? kept?.certificate,
		privateKey: privateKey ?? kept?.privateKey,
		certificateDate: now,
	};
}

function validate(body: Obj, current?: Rec): Obj {
	requireFields(body, ['name', 'bundleId']);
	const s = strings(body, ['name', 'description', 'bundleId']);
	if (!/^[A-Za-z0-9 ]{1,32}$/.test(s.name!))
		throw new HttpError(422, 'name must be alphanumeric, at most 32 characters');
	const options = asObject(body.options, 'options');
	const deviceLimit = options.deviceLimit === undefined ? 3 : Number(options.deviceLimit);
	if (!Number.isInteger(deviceLimit) || deviceLimit < 1 || deviceLimit > 10)
		throw new HttpError(422, 'options.deviceLimit must be 1 to 10');
	const clientSecret =
		options.clientSecret === undefined ? undefined : String(options.clientSecret);
	if (clientSecret !== undefined && !/^[A-Za-z0-9.]{0,64}$/.test(clientSecret)) {
		throw new HttpError(422, 'options.clientSecret may have 64 letters, digits and dots');
	}
	const gcm = asObject(body.gcm, 'gcm');
	const types = body.registrationTypes === undefined ? ['SELF'] : body.registrationTypes;
	const registrationTypes = (Array.isArray(types) ? types : [types]).map(String);
	if (registrationTypes.some((t) => t !== 'SELF' && t !== 'INVITE'))
		throw new HttpError(422, 'registrationTypes must be SELF or INVITE');
	const now = new Date().toISOString();
	return {
		name: s.name,
		description: s.description ?? '',
		bundleId: s.bundleId,
		options: {
			apiKey: String(
				options.apiKey ??
					options.apikey ??
					(current?.options as Obj | undefined)?.apiKey ??
					randomUUID(),
			),
			...(clientSecret !== undefined ? { clientSecret } : {}),
			deviceLimit,
			workspaces: String(options.workspaces ?? ''),
			contactDescriptionField: String(options.contactDescriptionField ?? ''),
		},
		_apns: certificates('apns', body, current?._apns as Obj | undefined, now),
		_apnsSandbox: certificates('apnsSandbox', body, current?._apnsSandbox as Obj | undefined, now),
		// The XML and PUT examples say gcmProjectNumber, the field table gcmProjectId: both are read.
		gcm: {
			gcmProjectId: String(gcm.gcmProjectId ?? gcm.gcmProjectNumber ?? ''),
			gcmSenderNumber: String(gcm.gcmSenderNumber ?? ''),
			gcmApiKey: String(gcm.gcmApiKey ?? ''),
		},
		defaultWorkspaceEnabled:
			body.defaultWorkspaceEnabled === true || body.defaultWorkspaceEnabled === 'true',
		managedBySystem: false,
		registrationTypes,
	};
}

export const apps: ResourceDef = {
	name: 'apps',
	mediaType: 'app-v1',
	listKey: 'apps',
	itemName: 'app',
	scope: 'company',
	view(rec, ctx, mode) {
		const out: Obj = {
			id: rec.id,
			name: rec.name,
			description: rec.description,
			bundleId: rec.bundleId,
		};
		if (mode === 'item') {
			// The XML example shows the client secret and the GCM key in answers: clients must hide them.
			Object.assign(out, {
				options: rec.options,
				gcm: rec.gcm,
				defaultWorkspaceEnabled: rec.defaultWorkspaceEnabled,
				managedBySystem: rec.managedBySystem,
				registrationTypes: rec.registrationTypes,
			});
			// "Whispir will NOT show the APNS certificate information at any time post app creation."
			for (const group of ['apns', 'apnsSandbox']) {
				const stored = rec[`_${group}`] as Obj | undefined;
				if (stored) out[group] = { certificateDate: stored.certificateDate };
			}
		}
		out.link = [selfLink(ctx, rec.id)];
		return out;
	},
	collection: {
		GET: listOp(),
		POST: createOp({ withBody: true, validate: (body) => validate(body) }),
	},
	item: {
		GET: getOp(),
		PUT: replaceOp({ validate: (body, _ctx, current) => validate(body, current) }),
		DELETE: deleteOp(),
	},
};
