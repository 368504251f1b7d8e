// Contact imports (Whispir's Imports docs: https://developers.whispir.com/c2NoOjM4OTQzOTI4-import, Whispir's Imports docs: https://developers.whispir.com/c2NoOjM4OTQzOTI4-import): POST only, 202 Accepted without a
// Location; the import runs in the background, IMPORT_DELAY_MS later, creating or updating contacts.
//
// The docs name the modes but not what they do. Our reading, which the node's descriptions repeat:
// a row's contact "exists" when a contact of the workspace has the row's workEmailAddress1 (when
// mapped and given), else its workMobilePhone1.
// - replace:   update that contact with the row's mapped fields (others kept); create when none
// - duplicate: always create a new contact
// - ignore:    skip the row when the contact exists; create when none
// Rows missing a mandatory value are skipped, as an import cannot report them to the caller.
import { HttpError, empty } from '../reply';
import type { Ctx, Env, Rec, ResourceDef } from '../types';
import { CONTACT_FIELDS, contacts, timezoneOf, visibleIn } from './contacts';
import { insert } from './crud';
import { readResourceRows } from './resources';
import { isObject, oneOf, requireFields, sameText } from './validate';

/** The mandatory mapped fields as the fieldMapping section lists them (Whispir's Imports docs: https://developers.whispir.com/c2NoOjM4OTQzOTI4-import). */
const MANDATORY_MAPPED = ['firstName', 'lastName', 'workMobilePhone1', 'workCountry', 'timezone'];
export const IMPORT_DELAY_MS = 100;

type Mapping = Record<string, string>;

function checkMapping(value: unknown): Mapping {
	if (!isObject(value)) throw new HttpError(422, 'importOptions.fieldMapping is required');
	const mapping = value as Mapping;
	const missing = MANDATORY_MAPPED.filter(
		(field) => typeof mapping[field] !== 'string' || mapping[field].trim() === '',
	);
	if (missing.length > 0)
		throw new HttpError(422, missing.map((f) => `fieldMapping.${f} is required`).join('; '));
	const unknown = Object.keys(mapping).filter(
		(field) => !field.startsWith('custom_') && !CONTACT_FIELDS.includes(field),
	);
	if (unknown.length > 0) throw new HttpError(422, `${unknown.join(', ')} is not a contact field`);
	return mapping;
}

function existing(env: Env, scope: string, contact: Record<string, string>): Rec | undefined {
	const all = env.store.list('contacts').filter((rec) => visibleIn(rec, scope));
	if (contact.workEmailAddress1) {
		return all.find((rec) => sameText(rec.workEmailAddress1, contact.workEmailAddress1));
	}
	return all.find((rec) => rec.workMobilePhone1 === contact.workMobilePhone1);
}

/** Runs one import: what the background job of Whispir does, row by row. */
function runImport(env: Env, ctx: Pick<Ctx, 'scope' | 'workspaceId'>, job: Rec): void {
	const rows = readResourceRows(env, ctx.scope, String(job.resourceId));
	const { importMode, fieldMapping } = job.importOptions as {
		importMode: string;
		fieldMapping: Mapping;
	};
	const results = { created: 0, updated: 0, skipped: 0 };
	for (const row of rows) {
		// "Any incorrect resource field will return a blank value."
		const contact: Record<string, string> = {};
		for (const [field, column] of Object.entries(fieldMapping))
			contact[field] = (row[column] ?? '').trim();
		if (MANDATORY_MAPPED.some((field) => contact[field] === '')) {
			results.skipped++;
			continue;
		}
		const match = importMode === 'duplicate' ? undefined : existing(env, ctx.scope, contact);
		if (match && importMode === 'ignore') {
			results.skipped++;
		} else if (match) {
			env.store.put('contacts', String(match._workspace), {
				...match,
				...contact,
				timezone: timezoneOf(contact.timezone),
			});
			results.updated++;
		} else {
			insert(contacts, { env, workspaceId: ctx.workspaceId, scope: ctx.scope }, contact);
			results.created++;
		}
	}
	env.store.put('imports', ctx.scope, { ...job, _status: 'done', _results: results });
}

export const imports: ResourceDef = {
	name: 'imports',
	mediaType: 'importcontact-v1',
	listKey: 'imports',
	itemName: 'import',
	scope: 'workspace',
	// GET, PUT and DELETE are "METHOD not supported" (Whispir's Imports docs: https://developers.whispir.com/c2NoOjM4OTQzOTI4-import): only POST is defined.
	collection: {
		POST: {
			handle(ctx) {
				requireFields(ctx.body, ['resourceId', 'importType', 'importOptions']);
				oneOf('importType', String(ctx.body.importType), ['contact']);
				const options = ctx.body.importOptions;
				if (!isObject(options)) throw new HttpError(422, 'importOptions is required');
				const importMode = oneOf('importOptions.importMode', String(options.importMode ?? ''), [
					'replace',
					'duplicate',
					'ignore',
				]);
				const fieldMapping = checkMapping(options.fieldMapping);
				const resourceId = String(ctx.body.resourceId);
				try {
					readResourceRows(ctx.env, ctx.scope, resourceId);
				} catch (err) {
					throw new HttpError(422, `resourceId: ${(err as Error).message}`);
				}
				const job = insert(imports, ctx, {
					resourceId,
					importType: 'contact',
					importOptions: { importMode, fieldMapping },
					_status: 'pending',
				});
				const { env, scope, workspaceId } = ctx;
				setTimeout(() => {
					// A reset in between cleared the job: nothing to do.
					if (env.store.get('imports', job.id, scope)) runImport(env, { scope, workspaceId }, job);
				}, IMPORT_DELAY_MS);
				return empty(202);
			},
		},
	},
};
