// The sandbox's resources. To add one: write a file next to this one and list it here.
import type { ResourceDef } from '../types';
import { activities } from './activities';
import { company } from './company';
import { customlists } from './customlists';
import { workspaces } from './workspaces';

export const resources: ResourceDef[] = [company, workspaces, activities, customlists];
