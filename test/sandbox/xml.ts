import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Link, ListPage } from './types';

// Whispir's two namespaces: entities and list wrappers/links.
const NS_API = 'http://schemas.api.whispir.com';
const NS_DAP = 'http://schemas.api.whispir.com/dap';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const builder = new XMLBuilder({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	format: true,
	suppressEmptyNode: true,
});

const parser = new XMLParser({
	ignoreAttributes: true,
	removeNSPrefix: true,
	parseTagValue: false,
	trimValues: true,
});

type Node = Record<string, unknown>;

function singular(key: string): string {
	if (key.endsWith('ies')) return `${key.slice(0, -3)}y`;
	return key.endsWith('s') ? key.slice(0, -1) : `${key}Item`;
}

function linkNodes(link: unknown): Node[] {
	const links = (Array.isArray(link) ? link : [link]) as Array<Partial<Link> | null>;
	return links
		.filter((l): l is Partial<Link> => typeof l === 'object' && l !== null)
		.map((l) => {
			const n: Node = {};
			for (const [k, v] of Object.entries(l))
				if (v !== undefined && XML_NAME.test(k)) n[`@_${k}`] = String(v);
			return n;
		});
}

function value(v: unknown, key: string, linkTag: string): unknown {
	if (Array.isArray(v)) return { [singular(key)]: v.map((x) => value(x, key, linkTag)) };
	if (typeof v === 'object' && v !== null) return toNode(v as Node, linkTag);
	return String(v);
}

/**
 * JSON-shaped data to a fast-xml-parser tree: arrays become a wrapper element holding
 * singular items (customlabellists → customlabellist), `link` becomes attribute-only
 * link elements, and keys that are not XML names are left out rather than breaking the document.
 */
function toNode(obj: Node, linkTag: string): Node {
	const out: Node = {};
	for (const [k, v] of Object.entries(obj)) {
		if (v === undefined || v === null || !XML_NAME.test(k)) continue;
		if (k === 'link') out[linkTag] = linkNodes(v);
		else out[k] = value(v, k, linkTag);
	}
	return out;
}

export function entityXml(root: string, entity: Node): string {
	const body = toNode(entity, 'ns3:link');
	return (
		DECLARATION +
		builder.build({ [`ns2:${root}`]: { '@_xmlns:ns2': NS_API, '@_xmlns:ns3': NS_DAP, ...body } })
	);
}

export function listXml(listKey: string, itemName: string, page: ListPage): string {
	const ret: Node = { '@_xmlns:ns2': NS_DAP, '@_xmlns:ns3': NS_API };
	if (page.status !== undefined) ret.status = page.status;
	if (page.items.length > 0) {
		ret[`ns2:${listKey}`] = { [`ns2:${itemName}`]: page.items.map((i) => toNode(i, 'ns2:link')) };
	}
	if (page.link !== undefined) ret['ns2:link'] = linkNodes(page.link);
	return DECLARATION + builder.build({ 'ns2:return': ret });
}

/** The content of the document's root element, or an error text. */
export function parseXmlBody(raw: string): { value: Node } | { error: string } {
	const valid = XMLValidator.validate(raw);
	if (valid !== true) return { error: `The XML body could not be parsed: ${valid.err.msg}` };
	let doc: Node;
	try {
		doc = parser.parse(raw) as Node;
	} catch (err) {
		return { error: `The XML body could not be parsed: ${(err as Error).message}` };
	}
	const rootKey = Object.keys(doc).find((k) => !k.startsWith('?'));
	if (!rootKey) return { error: 'The XML body has no root element' };
	const root = doc[rootKey];
	return {
		value: typeof root === 'object' && root !== null && !Array.isArray(root) ? (root as Node) : {},
	};
}
