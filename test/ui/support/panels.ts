// What the Whispir node's panel must show for each resource and operation, derived from the node
// description n8n serves to the editor (so the list follows every change to the node's description).
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

export interface Choice {
	/** What the dropdown shows. */
	name: string;
	value: string;
	/** What the nodes panel lists for an operation, e.g. "Send a message". */
	action?: string;
}

export interface OperationPanel {
	resource: Choice;
	operation: Choice;
	/** Every parameter with a label the panel shows, with every other parameter at its default. */
	labelledFields: string[];
	/** Those of them that are required. */
	requiredFields: Array<{ name: string; displayName: string }>;
}

/** Parameter types the panel shows without a label. */
const UNLABELLED = ['hidden', 'notice', 'callout'];

function choices(property: INodeProperties): Choice[] {
	return ((property.options ?? []) as INodePropertyOptions[]).map((option) => ({
		name: option.name,
		value: String(option.value),
		action: option.action,
	}));
}

/** Every resource and operation of the node, in the order its dropdowns list them. */
export function operationPanels(description: INodeTypeDescription): OperationPanel[] {
	const { properties } = description;
	const node = {
		typeVersion: Array.isArray(description.version)
			? Math.max(...description.version)
			: description.version,
	};
	const resourceProperty = properties.find((property) => property.name === 'resource');
	if (!resourceProperty) throw new Error(`${description.name} has no resource parameter`);

	return choices(resourceProperty).flatMap((resource) => {
		const operationProperty = properties.find(
			(property) =>
				property.name === 'operation' &&
				NodeHelpers.displayParameter({ resource: resource.value }, property, node, description),
		);
		if (!operationProperty)
			throw new Error(`Resource ${resource.name} shows no operation parameter`);
		return choices(operationProperty).map((operation) => {
			const values =
				NodeHelpers.getNodeParameters(
					properties,
					{ resource: resource.value, operation: operation.value },
					true,
					false,
					node,
					description,
				) ?? {};
			const shown = properties.filter(
				(property) =>
					!UNLABELLED.includes(property.type) &&
					NodeHelpers.displayParameter(values, property, node, description),
			);
			return {
				resource,
				operation,
				labelledFields: [...new Set(shown.map((property) => property.name))],
				requiredFields: shown
					.filter((property) => property.required)
					.map(({ name, displayName }) => ({ name, displayName })),
			};
		});
	});
}
