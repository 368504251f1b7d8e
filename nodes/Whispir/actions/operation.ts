import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

/**
 * The shape every operation file has: its fields, and what it does for one input item.
 * The router runs the items (concurrently, unless `runsInOrder`), so an operation never handles
 * pairing or Continue On Fail.
 */
export interface WhispirItemOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
	/**
	 * Items normally run concurrently. `true` runs them one after the other, in item order: for
	 * operations where two items may change the same record (read-merge-write, Create or Update),
	 * which side by side would overwrite each other or create the same record twice.
	 */
	runsInOrder?: boolean;
}

/**
 * An operation that needs all input items at once (Send Bulk and Import Contacts turn the items into
 * one uploaded file; Delete All Users runs once for all). It returns its own output items, each with `pairedItem`.
 */
export interface WhispirBatchOperation {
	description: INodeProperties[];
	executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

export type WhispirOperation = WhispirItemOperation | WhispirBatchOperation;

/** The shape every `<Name>.resource.ts` exports: how it appears in the Resource list, its fields, its operations. */
export interface WhispirResource {
	option: INodePropertyOptions;
	description: INodeProperties[];
	operations: Record<string, WhispirOperation>;
}
