import { describe, expect, it } from 'vitest';

import { nextOffset, pageItems, parseListStatus, withId } from '../../nodes/Whispir/transport/pagination';

describe('pageItems', () => {
	it('finds the list key without regard to case', () => {
		expect(pageItems({ Users: [{ id: 'A' }] }, 'users')).toEqual([{ id: 'A' }]);
	});

	it('reads "No records found" and odd bodies as empty pages', () => {
		expect(pageItems({ status: 'No records found' }, 'workspaces')).toEqual([]);
		expect(pageItems({ status: 'No messages found ' }, 'messages')).toEqual([]);
		expect(pageItems('Your request has been accepted', 'messages')).toEqual([]);
		expect(pageItems(undefined, 'messages')).toEqual([]);
		expect(pageItems([{ id: 'x' }], 'messages')).toEqual([]);
	});

	it('treats a single object under the list key as a list of one', () => {
		expect(pageItems({ workspaces: { id: 'W' } }, 'workspaces')).toEqual([{ id: 'W' }]);
	});

	it('takes a missing id from the self link', () => {
		const item = { name: 'report.csv', link: [{ rel: 'self', uri: 'https://api.au.whispir.com/resources/4F3A?x=1' }] };
		expect(withId(item)).toEqual({ id: '4F3A', ...item });
		expect(withId({ id: 'KEEP', link: { rel: 'self', uri: '/resources/OTHER' } }).id).toBe('KEEP');
	});
});

describe('parseListStatus', () => {
	it('reads Whispir\'s status line, trailing spaces included', () => {
		expect(parseListStatus('1 to 20 of 873')).toEqual({ last: 20, total: 873 });
		expect(parseListStatus('1 to 4 of 4    ')).toEqual({ last: 4, total: 4 });
		expect(parseListStatus('')).toBeUndefined();
		expect(parseListStatus(undefined)).toBeUndefined();
	});
});

describe('nextOffset', () => {
	const page = (link: unknown, status?: string) => ({ status, items: [{}], link });
	const at = (offset: number, pageSize = 20) => ({ offset, pageSize });

	it('follows absolute and relative next links, as array or single object', () => {
		const absolute = [{ rel: 'next', uri: 'https://api.au.whispir.com/workspaces?offset=20&limit=20&apikey=K' }];
		expect(nextOffset(page(absolute), at(0), 20)).toBe(20);
		expect(nextOffset(page({ rel: 'next', uri: '/callbacks/X/calls?offset=40&limit=20' }), at(20), 20)).toBe(40);
	});

	it('uses only the offset of a link to another host', () => {
		const link = [{ rel: 'next', uri: 'http://app19.dev1.whispir.net:8080/api/activities?offset=20&limit=20' }];
		expect(nextOffset(page(link), at(0), 20)).toBe(20);
	});

	it('stops on a last page, an empty page, or a link that does not move forward', () => {
		expect(nextOffset(page([{ rel: 'prev', uri: '/x?offset=0' }], '21 to 28 of 28'), at(20), 8)).toBeUndefined();
		expect(nextOffset(page([{ rel: 'next', uri: '/x?offset=20' }]), at(20), 20)).toBeUndefined();
		expect(nextOffset(page([{ rel: 'next', uri: '/x?offset=40' }]), at(20), 0)).toBeUndefined();
		expect(nextOffset(page([{ rel: 'next', uri: '::not a url' }]), at(0), 20)).toBeUndefined();
	});

	it('falls back to the status line when there is no link', () => {
		expect(nextOffset(page(undefined, '1 to 20 of 45'), at(0), 20)).toBe(20);
		expect(nextOffset(page(undefined, '41 to 45 of 45'), at(40), 5)).toBeUndefined();
		expect(nextOffset(page(undefined, '1 to 20 of 20'), at(0), 20)).toBeUndefined();
	});

	it('asks for more after a full page that has neither link nor status', () => {
		expect(nextOffset(page(undefined), at(0), 20)).toBe(20);
		expect(nextOffset(page(undefined), at(40, 5), 5)).toBe(45);
		expect(nextOffset(page(undefined), at(20), 19)).toBeUndefined();
	});
});
