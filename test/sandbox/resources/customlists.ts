// Custom lists are read-only through the API; tests create them with seed().
import { selfLink } from '../links';
import type { Rec, ResourceDef } from '../types';
import { getOp, listOp } from './crud';
import { sameText, shortDate } from './validate';

export const customlists: ResourceDef = {
	name: 'customlists',
	mediaType: 'customlist-v1',
	// The documented list key and element differ from the path: customlabels / customlabel.
	listKey: 'customlabels',
	itemName: 'customlabel',
	scope: 'workspace',
	emptyListIs404: true,
	prepare: (input) => ({
		name: '',
		type: 'MESSAGE',
		createdDate: shortDate(),
		sortType: 'As Displayed',
		linked: 'disabled',
		customlabellists: [],
		...input,
	}),
	view(rec: Rec, ctx, mode) {
		const out: Record<string, unknown> = {
			id: rec.id,
			name: rec.name,
			type: rec.type,
			createdDate: rec.createdDate,
			sortType: rec.sortType,
			linked: rec.linked,
		};
		if (mode === 'item') out.customlabellists = rec.customlabellists;
		out.link = [selfLink(ctx, rec.id)];
		return out;
	},
	collection: {
		GET: listOp({
			// The doc's example filters with type=Message against MESSAGE, so matching ignores case.
			filter: (r, q) =>
				(q.name === undefined || sameText(r.name, q.name)) &&
				(q.type === undefined || sameText(r.type, q.type)),
		}),
	},
	item: { GET: getOp() },
};
