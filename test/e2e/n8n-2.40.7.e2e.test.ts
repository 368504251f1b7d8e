// The e2e scenarios (test/e2e/scenarios.ts) on n8n-2.40.7. One file per runtime so that vitest runs both at once.
import { runScenarios } from './scenarios';

runScenarios('n8n-2.40.7');
