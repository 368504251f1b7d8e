import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Whether this node runs as an AI agent's tool. n8n runs a `usableAsTool` node as a copy of its type
 * named with "Tool" added (n8n-nodes-whispir.whispirTool); n8n 2.8 and 2.40 both do this when they
 * build the tool variants of a node.
 */
export function runsAsAgentTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

/**
 * Stops an operation that cannot be undone when a language model decides to run it: a typed
 * confirmation guards it in a workflow, but a model can type the phrase too.
 */
export function refuseAsAgentTool(
	context: IExecuteFunctions,
	what: string,
	itemIndex: number,
): void {
	if (!runsAsAgentTool(context)) return;
	throw new NodeOperationError(
		context.getNode(),
		`${what} cannot run as an AI agent's tool (item ${itemIndex})`,
		{
			description: `Nothing was deleted. ${what} cannot be undone, so it runs only as a regular Whispir node in a workflow, where a person set its confirmation.`,
			itemIndex,
		},
	);
}
