// Workflow JSON for the public API: action workflows start at a Webhook node (n8n 2.8 and 2.40 have
// no "run workflow" API call), which answers with every item of the last node once it is active.
import { randomUUID } from 'node:crypto';

import { NODE_TYPE, TRIGGER_TYPE } from './package';

export interface CredentialRef {
	id: string;
	name: string;
}

export interface Node {
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	webhookId?: string;
	credentials?: Record<string, CredentialRef>;
}

export interface Workflow {
	name: string;
	nodes: Node[];
	connections: Record<string, unknown>;
}

/** A chain of nodes, each connected to the next. */
export function chain(name: string, nodes: Node[]): Workflow {
	const connections: Record<string, unknown> = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[nodes[index].name] = {
			main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]],
		};
	}
	return {
		name,
		nodes: nodes.map((node, index) => ({ ...node, position: [index * 240, 0] })),
		connections,
	};
}

/** A Webhook node on POST /webhook/<path> that answers with all items of the workflow's last node. */
export function webhookNode(path: string): Node {
	return {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		},
	};
}

export function whispirNode(
	name: string,
	credential: CredentialRef,
	parameters: Record<string, unknown>,
): Node {
	return {
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { whispirApi: credential },
	};
}

export function triggerNode(
	name: string,
	credential: CredentialRef,
	parameters: Record<string, unknown>,
): Node {
	return {
		name,
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters,
		credentials: { whispirApi: credential },
	};
}

/** Splits `$json.body.<field>` (an array posted to the webhook) into one item per element. */
export function splitOutNode(field: string): Node {
	return {
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [0, 0],
		parameters: { fieldToSplitOut: `body.${field}`, include: 'noOtherFields', options: {} },
	};
}

/** An example workflow from examples/ with every Whispir node's credential set to `credential`. */
export function withCredential<
	T extends { nodes: Array<{ credentials?: Record<string, unknown> }> },
>(workflow: T, credential: CredentialRef): T {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.credentials?.whispirApi
				? { ...node, credentials: { ...node.credentials, whispirApi: credential } }
				: node,
		),
	};
}
