// The sandbox's resources. To add one: write a file next to this one and list it here.
import type { ResourceDef } from '../types';
import { activities } from './activities';
import { apps } from './apps';
import { callbacks } from './callbacks';
import { calls } from './calls';
import { company } from './company';
import { contacts } from './contacts';
import { customlists } from './customlists';
import { devices } from './devices';
import { distributionlists } from './distributionlists';
import { events } from './events';
import { imports } from './imports';
import { messageresponses } from './messageresponses';
import { messages } from './messages';
import { messagestatus } from './messagestatus';
import { resourceFiles } from './resources';
import { responserules } from './responserules';
import { scenarios } from './scenarios';
import { templates } from './templates';
import { users } from './users';
import { workspaces } from './workspaces';

export const resources: ResourceDef[] = [
	company,
	workspaces,
	activities,
	apps,
	callbacks,
	calls,
	contacts,
	customlists,
	devices,
	distributionlists,
	events,
	imports,
	messageresponses,
	messages,
	messagestatus,
	resourceFiles,
	responserules,
	scenarios,
	templates,
	users,
];
