// The nodes as users meet them: n8n 2.40.7's editor in Chromium, the packed package installed as
// users install it, the sandbox as Whispir. The scenarios run in order in one browser page and
// share one n8n; each fails on a page error or a console error n8n itself does not produce.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import type { Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';

import { WHISPIR_REGIONS, WhispirApi } from '../../credentials/WhispirApi.credentials';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { DEFAULT_OWNER, N8n } from '../e2e/support/n8n';
import {
	CREDENTIAL_TYPE,
	NODE_TYPE,
	REPO,
	TRIGGER_TYPE,
	installPackage,
} from '../e2e/support/package';
import { stopAll, stopChildrenOnSignals, waitFor } from '../e2e/support/processes';
import { triggerNode, type CredentialRef } from '../e2e/support/workflows';
import { choose, chosen, openEditor, type Editor } from './support/browser';
import { operationPanels, type OperationPanel } from './support/panels';

/** The README's pictures; the same names every run, so the README's links stay valid. */
const SCREENSHOTS = join(REPO, 'docs', 'images');

const credentialType = new WhispirApi();
const WRONG_KEY_MESSAGE = credentialType.test.rules!.find(
	(rule) => rule.type === 'responseCode' && rule.properties.value === 403,
)!.properties.message;

/** Text as the editor renders a description string (n8n shows its HTML entities as characters). */
const rendered = (text: string) =>
	text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\s+/g, ' ').trim();

describe('n8n editor (n8n 2.40.7, Chromium)', () => {
	const runtime = inject('uiRuntime');
	let sandbox: Sandbox;
	let n8n: N8n;
	let userFolder: string;
	let editor: Editor;
	let nodeDescription: INodeTypeDescription;
	let triggerDescription: INodeTypeDescription;
	let panels: OperationPanel[];

	const page = () => editor.page;
	const ndv = () => page().getByTestId('ndv');
	const nodeCreator = () => page().getByTestId('node-creator');
	/** A panel by the values of its resource and operation (their names may change). */
	const panel = (resource: string, operation: string) =>
		panels.find(
			(candidate) =>
				candidate.resource.value === resource && candidate.operation.value === operation,
		)!;
	/** Picks a resource and operation in the open panel by the names the dropdowns show. */
	const pick = async ({ resource, operation }: OperationPanel) => {
		await choose(page(), ndv().getByTestId('parameter-input-resource'), resource.name);
		await choose(page(), ndv().getByTestId('parameter-input-operation'), operation.name);
	};
	const screenshot = async (name: string, target?: Locator) =>
		await (target ?? page()).screenshot({
			path: join(SCREENSHOTS, `${name}.png`),
			animations: 'disabled',
		});
	/** The `for` of every label the panel's Parameters tab shows (the credential's label has none). */
	const shownParameters = async () =>
		(
			await ndv()
				.getByTestId('node-parameters')
				.locator('label.n8n-input-label')
				.filter({ visible: true })
				.evaluateAll((labels) => labels.map((label) => label.getAttribute('for')))
		)
			.filter((name): name is string => !!name)
			.sort();

	beforeAll(async () => {
		// Interrupted (Ctrl-C, CI timeout): afterAll does not run, so stop everything here.
		stopChildrenOnSignals(async () => {
			await editor?.browser.close();
			await sandbox?.close();
			if (userFolder) rmSync(userFolder, { recursive: true, force: true });
		});
		mkdirSync(SCREENSHOTS, { recursive: true });
		sandbox = await startSandbox();
		const [, operations] = sandbox.seed('workspaces', [
			{ projectName: 'Marketing' },
			{ projectName: 'Operations' },
		]);
		sandbox.seed('templates', [
			{ messageTemplateName: 'Newsletter' },
			{ messageTemplateName: 'Welcome' },
		]);
		sandbox.seed('templates', [{ messageTemplateName: 'Appointment reminder' }], operations);

		userFolder = mkdtempSync(join(tmpdir(), 'whispir-ui-'));
		installPackage(inject('uiTarball'), userFolder);
		n8n = await N8n.start(runtime, { userFolder });
		await n8n.setupOwner();
		await n8n.createApiKey();
		// What the editor itself loads: the panels below follow the node's description as served.
		const nodeTypes = await n8n.rest<INodeTypeDescription[]>('GET', '/types/nodes.json');
		nodeDescription = nodeTypes.find((type) => type.name === NODE_TYPE)!;
		triggerDescription = nodeTypes.find((type) => type.name === TRIGGER_TYPE)!;
		panels = operationPanels(nodeDescription);
		editor = await openEditor(inject('chromium'));
	});

	afterEach(async ({ task }) => {
		if (task.result?.state === 'fail' && editor) {
			const path = join(
				tmpdir(),
				`whispir-ui-failure-${task.name.slice(0, 2).replace(/\W/g, '')}.png`,
			);
			await editor.page.screenshot({ path }).catch(() => undefined);
			console.error(
				`Screenshot of the failure: ${path}\nn8n output (end):\n${n8n?.output().slice(-3000)}`,
			);
		}
		expect(editor.takeErrors(), 'page and console errors').toEqual([]);
	});

	afterAll(async () => {
		await editor?.browser.close();
		await n8n?.stop();
		await stopAll();
		await sandbox?.close();
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	});

	it('1. signs in', async () => {
		await page().goto(`${n8n.url}/signin`);
		await page().locator('input[type=email]').fill(DEFAULT_OWNER.email);
		await page().locator('input[type=password]').fill(DEFAULT_OWNER.password);
		await page().keyboard.press('Enter');
		await page().waitForURL((url) => !url.pathname.startsWith('/signin'));
		await page().getByTestId('main-sidebar-settings').waitFor();
	});

	it('2. creates the credential in its dialog: region, then Custom URL at the sandbox; the test passes, a wrong key shows our 403 message', async () => {
		await page().goto(`${n8n.url}/home/credentials/create`);
		await page().getByTestId('new-credential-type-select').locator('input').fill('Whispir');
		await page()
			.getByTestId('new-credential-type-select-option')
			.filter({ hasText: credentialType.displayName })
			.click();
		await page().getByTestId('new-credential-type-button').click();

		const dialog = page().getByTestId('editCredential-modal');
		const field = (name: string) => dialog.getByTestId(`parameter-input-${name}`).locator('input');
		const region = dialog.getByTestId('parameter-input-region');
		await choose(page(), region, WHISPIR_REGIONS[0].name);
		expect(
			await dialog.getByTestId('parameter-input-baseUrl').count(),
			'Base URL before Custom URL',
		).toBe(0);
		const customUrl = WHISPIR_REGIONS.find((option) => option.value === 'custom')!.name;
		await choose(page(), region, customUrl);
		await field('baseUrl').fill(sandbox.url);
		await field('username').fill(sandbox.credentials.username);
		await field('password').fill(sandbox.credentials.password);
		await field('apiKey').fill(sandbox.credentials.apiKey);
		await dialog.getByTestId('credential-save-button').click();
		await dialog.getByText('Connection tested successfully').waitFor();
		await screenshot('credential-dialog', dialog);

		await field('apiKey').fill('not-the-key');
		await dialog.getByTestId('credential-save-button').click();
		await dialog.getByText('More details').click();
		await dialog.getByText(WRONG_KEY_MESSAGE).waitFor();

		await field('apiKey').fill(sandbox.credentials.apiKey);
		await dialog.getByTestId('credential-save-button').click();
		await dialog.getByText('Connection tested successfully').waitFor();
		await page().keyboard.press('Escape');
		const saved = await n8n.rest<Array<{ type: string; name: string }>>('GET', '/rest/credentials');
		expect(saved.map((credential) => credential.type)).toEqual([CREDENTIAL_TYPE]);
	});

	it("3. the nodes panel finds both nodes with their icons, and lists every resource's operations", async () => {
		await page().goto(`${n8n.url}/workflow/new`);
		await page().getByTestId('canvas-add-button').click();
		await page().getByTestId('node-creator-search-bar').fill('Whispir');
		const item = nodeCreator()
			.getByTestId('item-iterator-item')
			.filter({
				has: page()
					.getByTestId('node-creator-item-name')
					.getByText(nodeDescription.displayName, { exact: true }),
			});
		await expect
			.poll(async () => await item.locator('img').first().getAttribute('src'))
			.toMatch(/^\/icons\/n8n-nodes-whispir\/.+\/whispir\.svg$/);
		await item.click();

		// n8n shows the trigger's events and the action node's operations together.
		const events = (triggerDescription.properties.find((property) => property.name === 'events')!
			.options ?? []) as Array<{ name: string }>;
		await nodeCreator().getByText(`Triggers (${events.length})`).waitFor();
		await nodeCreator().hover();
		for (const event of events)
			await nodeCreator().getByText(`On ${event.name.toLowerCase()}`, { exact: true }).waitFor();
		await nodeCreator().locator('img[src$="/WhispirTrigger/whispir.svg"]').first().waitFor();
		await nodeCreator().getByText(`Actions (${panels.length})`).click();
		await screenshot('nodes-panel');

		// The list renders only what is in view: scroll through it, collecting every line.
		const lines = new Set<string>();
		for (let unchanged = 0; unchanged < 3; ) {
			const before = lines.size;
			for (const line of (await nodeCreator().innerText()).split('\n'))
				lines.add(line.trim().toLowerCase());
			unchanged = lines.size === before ? unchanged + 1 : 0;
			await page().mouse.wheel(0, 300);
		}
		for (const resource of new Set(panels.map((panel) => panel.resource.name))) {
			expect([...lines], `the ${resource} heading`).toContain(`${resource} actions`.toLowerCase());
		}
		for (const { resource, operation } of panels) {
			expect([...lines], `${resource.name} → ${operation.name}`).toContain(
				operation.action!.toLowerCase(),
			);
		}
		await page().mouse.wheel(0, -100_000);
	});

	it(
		'4. every resource and operation opens its panel with its required fields, and nothing errors',
		{ timeout: 600_000 },
		async () => {
			// Adding "Send a message" from the nodes panel of scenario 3 adds the node and opens its panel.
			await nodeCreator()
				.getByText(panel('message', 'send').operation.action!, { exact: true })
				.click();
			await ndv().waitFor();
			const resourceSelect = ndv().getByTestId('parameter-input-resource');
			const operationSelect = ndv().getByTestId('parameter-input-operation');
			for (const { resource, operation, labelledFields, requiredFields } of panels) {
				const where = `${resource.name} → ${operation.name}`;
				if ((await chosen(resourceSelect)) !== resource.name)
					await choose(page(), resourceSelect, resource.name);
				await choose(page(), operationSelect, operation.name);
				await expect
					.poll(async () => await chosen(operationSelect), { message: where })
					.toBe(operation.name);
				await expect
					.poll(shownParameters, { message: `${where}: the parameters shown` })
					.toEqual([...labelledFields].sort());
				for (const { name, displayName } of requiredFields) {
					const label = ndv().locator(`label[for="${name}"]`).filter({ visible: true });
					expect(await label.innerText(), `${where}: required ${name}`).toContain(displayName);
				}
				expect(editor.takeErrors(), where).toEqual([]);
			}
		},
	);

	it('5. resource locators in "From list" mode load the workspaces and, per workspace, the templates', async () => {
		await pick(panel('template', 'get'));
		const items = page().getByTestId('rlc-item').filter({ visible: true });
		const listed = async () => (await items.allInnerTexts()).map((text) => text.trim());
		const open = async (locator: string) =>
			await ndv().getByTestId(`resource-locator-${locator}`).getByTestId('rlc-input').click();

		await open('workspace');
		const workspaces = (await sandbox.state('workspaces'))
			.map((workspace) => String(workspace.projectName))
			.sort();
		await expect.poll(listed).toEqual(workspaces);
		await items.filter({ hasText: 'Operations' }).click();
		await open('templateId');
		await expect.poll(listed).toEqual(['Appointment reminder']);
		await page().keyboard.press('Escape');

		await open('workspace');
		await items.filter({ hasText: 'My Company' }).click();
		await open('templateId');
		await expect.poll(listed).toEqual(['Newsletter', 'Welcome']);
		// The list's search box has the focus.
		await page().keyboard.type('wel');
		await expect.poll(listed).toEqual(['Welcome']);
		await items.filter({ hasText: 'Welcome' }).click();
	});

	it('6. Execute step on Message → Send shows the sent message in the output table', async () => {
		await pick(panel('message', 'send'));
		const field = (name: string) =>
			ndv().getByTestId(`parameter-input-${name}`).locator('input, textarea').first();
		await field('to').fill('61400000001');
		await field('subject').fill('Appointment reminder');
		await field('body').fill('Your appointment is tomorrow at 10:00. Reply YES to confirm.');
		await ndv().getByTestId('node-execute-button').click();

		const [message] = await waitFor('the message at the sandbox', async () => {
			const messages = await sandbox.state('messages');
			return messages.length > 0 ? messages : undefined;
		});
		const output = ndv().getByTestId('output-panel');
		const cells = async (selector: string) =>
			(await output.locator(selector).allInnerTexts()).map((text) => text.trim());
		await expect.poll(async () => await cells('td')).toContain(String(message.id));
		expect(await cells('th')).toContain('id');
		await expect
			.poll(async () => await ndv().getByTestId('node-execute-button').innerText())
			.toContain('Execute step');
		await screenshot('send-panel');

		await page().getByTestId('ndv-close-button').click();
		await page().getByTestId('zoom-to-fit').click();
		await expect
			.poll(async () => await page().getByTestId('canvas-node-status-success').count())
			.toBe(2);
		await screenshot('executed-workflow');
	});

	it('7. Whispir Trigger shows its webhook URLs and notice; publishing the workflow registers the callback', async () => {
		const credentials = await n8n.rest<CredentialRef[]>('GET', '/rest/credentials');
		const trigger = triggerNode('Whispir Trigger', credentials[0], {
			events: ['reply', 'undeliverable'],
		});
		const workflowId = await n8n.createWorkflow({
			name: 'Appointment replies',
			nodes: [trigger],
			connections: {},
		});
		await page().goto(`${n8n.url}/workflow/${workflowId}`);
		await page()
			.getByTestId('canvas-node')
			.filter({ hasText: trigger.name })
			.dblclick({ force: true });

		const notice = triggerDescription.properties.find(
			(property: INodeProperties) => property.type === 'notice',
		)!;
		await expect
			.poll(async () => rendered(await ndv().innerText()))
			.toContain(rendered(notice.displayName));
		await ndv().getByText('Webhook URLs').click();
		await ndv().getByTestId('radio-button-production').click();
		const productionUrl = `${n8n.url}/webhook/${trigger.webhookId}/webhook`;
		// Whispir's check (GET) and its deliveries (POST) use the same URL.
		await expect
			.poll(async () =>
				(await ndv().locator('.webhook-url').allInnerTexts()).map((url) => url.trim()),
			)
			.toEqual([productionUrl, productionUrl]);
		await screenshot('trigger-panel');

		await page().getByTestId('ndv-close-button').click();
		await page().getByTestId('workflow-open-publish-modal-button').click();
		await page().getByTestId('workflow-publish-button').click();
		const callback = await waitFor('the callback at the sandbox', async () =>
			(await sandbox.state('callbacks')).find((registered) => registered.url === productionUrl),
		);
		expect(callback.callbacks).toEqual({ reply: 'enabled', undeliverable: 'enabled' });
		await page().keyboard.press('Escape');
	});

	it('8. the node is offered as an AI Agent tool', async () => {
		await page().goto(`${n8n.url}/workflow/new`);
		await page().getByTestId('canvas-add-button').click();
		await page().getByTestId('node-creator-search-bar').fill('AI Agent');
		await nodeCreator()
			.getByTestId('node-creator-item-name')
			.getByText('AI Agent', { exact: true })
			.click();
		if (await ndv().isVisible()) await page().getByTestId('ndv-close-button').click();

		await page()
			.locator('.canvas-node-handle-non-main-input')
			.filter({ hasText: 'Tool' })
			.getByTestId('canvas-handle-plus')
			.click();
		await page().getByTestId('node-creator-search-bar').fill('Whispir');
		await nodeCreator()
			.getByTestId('node-creator-item-name')
			.getByText(`${nodeDescription.displayName} Tool`, { exact: true })
			.click();
		await ndv().waitFor();
		await ndv().getByTestId('parameter-input-resource').waitFor();
		// n8n's own parameter on tool variants: proof the panel is the tool's, not the node's.
		await ndv().getByText('Tool Description', { exact: true }).waitFor();
	});
});
