import type { WhispirResource } from './operation';
import * as workspace from './workspace/Workspace.resource';
import * as message from './message/Message.resource';
import * as template from './template/Template.resource';
import * as responseRule from './responseRule/ResponseRule.resource';
import * as scenario from './scenario/Scenario.resource';
import * as event from './event/Event.resource';
import * as resource from './resource/Resource.resource';
import * as callback from './callback/Callback.resource';
import * as callbackCall from './callbackCall/CallbackCall.resource';
import * as contact from './contact/Contact.resource';
import * as contactDevice from './contactDevice/ContactDevice.resource';
import * as distributionList from './distributionList/DistributionList.resource';
import * as user from './user/User.resource';
import * as app from './app/App.resource';
import * as activity from './activity/Activity.resource';
import * as customList from './customList/CustomList.resource';
import * as contactImport from './import/Import.resource';
import * as verify from './verify/Verify.resource';

/** Every resource of the Whispir node, in the order the Resource list shows them (alphabetical). */
export const RESOURCES: readonly WhispirResource[] = [
	activity,
	app,
	callback,
	callbackCall,
	contact,
	contactDevice,
	customList,
	distributionList,
	event,
	// "File" in the list (Whispir's resources).
	resource,
	contactImport,
	message,
	responseRule,
	scenario,
	template,
	user,
	verify,
	workspace,
];
