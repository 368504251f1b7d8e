// GET / — the connectivity check of the docs: a company entity holding a link per resource.
import { linkUri } from '../links';
import type { ResourceDef } from '../types';

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const company: ResourceDef = {
	name: '',
	mediaType: 'company-v1',
	listKey: 'companies',
	itemName: 'company',
	scope: 'company',
	lenientMedia: true,
	collection: {
		GET: {
			handle(ctx) {
				const link = ctx.env.registry.all
					.filter((r) => r.name !== '' && r.collection?.GET)
					.map((r) => ({
						uri: linkUri(ctx, `/${r.name}`),
						rel: `retrieve${cap(r.name)}`,
						method: 'GET',
					}));
				return { status: 200, entity: { link } };
			},
		},
	},
};
