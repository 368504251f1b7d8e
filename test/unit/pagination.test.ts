import { describe, expect, it } from 'vitest';

import {
	nextOffset,
	pageItems,
	parseListStatus,
	planPages,
	plannedPage,
	withId,
} from '../../nodes/Whispir/transport/pagination';

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
		const item = {
			name: 'report.csv',
			link: [{ rel: 'self', uri: 'https://api.au.whispir.com/resources/4F3A?x=1' }],
		};
		expect(withId(item)).toEqual({ id: '4F3A', ...item });
		expect(withId({ id: 'KEEP', link: { rel: 'self', uri: '/resources/OTHER' } }).id).toBe('KEEP');
	});
});

describe('parseListStatus', () => {
	it("reads Whispir's status line, trailing spaces included", () => {
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
		const absolute = [
			{ rel: 'next', uri: 'https://api.au.whispir.com/workspaces?offset=20&limit=20&apikey=K' },
		];
		expect(nextOffset(page(absolute), at(0), 20)).toBe(20);
		expect(
			nextOffset(page({ rel: 'next', uri: '/callbacks/X/calls?offset=40&limit=20' }), at(20), 20),
		).toBe(40);
	});

	it('uses only the offset of a link to another host', () => {
		const link = [
			{ rel: 'next', uri: 'http://app19.dev1.whispir.net:8080/api/activities?offset=20&limit=20' },
		];
		expect(nextOffset(page(link), at(0), 20)).toBe(20);
	});

	it('stops on a last page, an empty page, or a link that does not move forward', () => {
		expect(
			nextOffset(page([{ rel: 'prev', uri: '/x?offset=0' }], '21 to 28 of 28'), at(20), 8),
		).toBeUndefined();
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

describe('planPages', () => {
	const all = Number.POSITIVE_INFINITY;

	it("plans every other page from the total in the first page's status", () => {
		const plan = planPages({ status: '1 to 20 of 873' }, 20, all);
		expect(plan).toEqual({ stride: 20, count: 43, end: 873 });
		expect(plannedPage(plan!, 0)).toEqual({ offset: 20, pageSize: 20 });
		expect(plannedPage(plan!, 42)).toEqual({ offset: 860, pageSize: 13 });
	});

	it('asks no more than a limit wants', () => {
		const plan = planPages({ status: '1 to 20 of 873' }, 20, 50)!;
		expect(plan.count).toBe(2);
		expect([0, 1].map((k) => plannedPage(plan, k))).toEqual([
			{ offset: 20, pageSize: 20 },
			{ offset: 40, pageSize: 10 },
		]);
	});

	it('keeps the page size the first page had', () => {
		expect(planPages({ status: '1 to 10 of 25' }, 10, all)).toEqual({
			stride: 10,
			count: 2,
			end: 25,
		});
	});

	it('leaves lists without a usable status to next links', () => {
		expect(planPages({ link: [] }, 20, all)).toBeUndefined();
		expect(planPages({ status: '1 to 20 of 20' }, 20, all)).toBeUndefined();
		expect(planPages({ status: '1 to 20 of 873' }, 20, 20)).toBeUndefined();
		// A status that does not describe the page read (not its first item, or not its length).
		expect(planPages({ status: '21 to 40 of 873' }, 20, all)).toBeUndefined();
		expect(planPages({ status: '1 to 20 of 873' }, 12, all)).toBeUndefined();
		expect(planPages({ status: 'No records found' }, 0, all)).toBeUndefined();
	});
});
