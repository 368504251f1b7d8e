import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { whispirApiList } from '../../transport';
import { returnAllOrLimit } from '../common.descriptions';
import { ENDPOINTS } from '../endpoints';

export const description = updateDisplayOptions(
	{ show: { resource: ['workspace'], operation: ['getAll'] } },
	returnAllOrLimit,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	return await whispirApiList.call(this, {
		...ENDPOINTS.workspace,
		limit: returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number),
		itemIndex,
	});
}
