import type { INode, INodeProperties, INodeTypes } from 'n8n-workflow';
import { ApplicationError } from 'n8n-workflow';

/**
 * n8n-core runs whatever parameters a test gives it, so a test could exercise a choice that the
 * editor never offers (a channel missing from the Channels list, say) and pass. This refuses a
 * fixed value of an `options` or `multiOptions` parameter that none of the node's properties of
 * that name offers or has as its default (an empty default the user must replace, say). Expressions
 * and values inside collections are not checked.
 */
export function assertOfferedValues(nodeTypes: INodeTypes, node: INode): void {
	const { properties } = nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description;
	for (const [name, value] of Object.entries(node.parameters)) {
		const offered = offeredValues(properties, name);
		if (offered === undefined) continue;
		const chosen = Array.isArray(value) ? value : [value];
		for (const choice of chosen) {
			if (typeof choice === 'string' && choice.startsWith('=')) continue;
			if (!offered.has(choice as string | number | boolean))
				throw new ApplicationError(
					`Node "${node.name}": parameter "${name}" is set to ${JSON.stringify(choice)}, which the editor does not offer (${[...offered].join(', ')})`,
				);
		}
	}
}

function offeredValues(
	properties: INodeProperties[],
	name: string,
): Set<string | number | boolean> | undefined {
	const lists = properties.filter(
		(property) =>
			property.name === name && (property.type === 'options' || property.type === 'multiOptions'),
	);
	// Options loaded at run time (loadOptionsMethod) cannot be checked here.
	if (lists.length === 0 || lists.some((property) => property.typeOptions?.loadOptionsMethod))
		return undefined;
	return new Set(
		lists.flatMap((property) => [
			...(property.options ?? []).flatMap((option) => ('value' in option ? [option.value] : [])),
			...(typeof property.default === 'string' ? [property.default] : []),
		]),
	);
}
