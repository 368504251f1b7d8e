// Chromium (Debian's package, see scripts/chromium.ts) driven by playwright-core, and the console and
// page errors a test must not produce.
import {
	chromium,
	selectors,
	type Browser,
	type ConsoleMessage,
	type Locator,
	type Page,
} from 'playwright-core';

/** Screenshots at this size read well in the README. */
const VIEWPORT = { width: 1440, height: 1000 };

/**
 * Console errors n8n's editor itself prints on this machine, whatever the nodes do. Everything else
 * a page logs as an error, and every uncaught page error, fails the scenario.
 */
const N8N_NOISE: Array<{ why: string; matches: (text: string, url: string) => boolean }> = [
	{
		why: 'the editor asks who is signed in before the sign-in page has a session',
		matches: (text, url) => text.includes('status of 401') && url.endsWith('/rest/login'),
	},
	{
		why: "the editor loads resources from n8n's servers (seen: ERR_CERT_AUTHORITY_INVALID behind this machine's proxy); CI may have no route to them",
		matches: (text, url) => text.startsWith('Failed to load resource: net::') && !isLoopback(url),
	},
];

function isLoopback(url: string): boolean {
	try {
		return new URL(url).hostname === '127.0.0.1';
	} catch {
		return false;
	}
}

export interface Editor {
	browser: Browser;
	page: Page;
	/** The errors since the last call that are not on the allow-list (and forgets them). */
	takeErrors(): string[];
}

export async function openEditor(executablePath: string): Promise<Editor> {
	// n8n marks its elements with data-test-id, not Playwright's default data-testid.
	selectors.setTestIdAttribute('data-test-id');
	// Root (as in CI containers) cannot use Chromium's sandbox.
	const browser = await chromium.launch({
		executablePath,
		args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
	});
	const page = await browser.newPage({ viewport: VIEWPORT });
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(`page error: ${error.stack ?? error.message}`));
	page.on('console', (message: ConsoleMessage) => {
		if (message.type() !== 'error') return;
		const url = message.location().url;
		if (N8N_NOISE.some((noise) => noise.matches(message.text(), url))) return;
		errors.push(`console error: ${message.text()} (${url})`);
	});
	return { browser, page, takeErrors: () => errors.splice(0) };
}

/** Picks `name` in one of n8n's dropdowns (an element-plus select). */
export async function choose(page: Page, select: Locator, name: string): Promise<void> {
	await select.click();
	await page
		.locator('.el-select-dropdown__item:visible')
		.filter({ has: page.getByText(name, { exact: true }) })
		.first()
		.click();
}

/** The text a select shows: the chosen option's name. */
export async function chosen(select: Locator): Promise<string> {
	return await select.locator('input').first().inputValue();
}
