import type { INode, INodeType, INodeTypes } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { Whispir } from '../../nodes/Whispir/Whispir.node';
import { assertOfferedValues } from '../harness/offeredValues';

const whispir = new Whispir() as INodeType;
const nodeTypes = { getByNameAndVersion: () => whispir } as unknown as INodeTypes;
const node = (parameters: INode['parameters']): INode => ({
	id: '1',
	name: 'Whispir',
	type: 'n8n-nodes-whispir.whispir',
	typeVersion: 1,
	position: [0, 0],
	parameters,
});

describe('assertOfferedValues (harness guard)', () => {
	it('accepts values the editor offers, defaults and expressions', () => {
		expect(() =>
			assertOfferedValues(
				nodeTypes,
				node({
					resource: 'message',
					operation: 'send',
					channels: ['email', 'rcs', 'whatsapp'],
					access: '',
					emailType: '={{ $json.format }}',
				}),
			),
		).not.toThrow();
	});

	it('refuses a value no property of that name offers, in options and in multiOptions', () => {
		expect(() => assertOfferedValues(nodeTypes, node({ channels: ['email', 'fax'] }))).toThrow(
			'parameter "channels" is set to "fax", which the editor does not offer',
		);
		expect(() => assertOfferedValues(nodeTypes, node({ emailType: 'text/rtf' }))).toThrow(
			'parameter "emailType" is set to "text/rtf"',
		);
		expect(() => assertOfferedValues(nodeTypes, node({ resource: 'pigeon' }))).toThrow(
			'parameter "resource" is set to "pigeon"',
		);
	});
});
