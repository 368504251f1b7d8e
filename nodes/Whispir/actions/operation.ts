import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * The shape every operation file has: its fields, and what it does for one input item.
 * The router loops over the items, so an operation never handles pairing or Continue On Fail.
 */
export interface WhispirOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}
