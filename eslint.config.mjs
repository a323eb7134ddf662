// n8n's official community-node config (the one `n8n-node lint` ships), unchanged, applied to
// the n8n package only: nodes/, credentials/ and package.json.
//
// The same repository holds a Node service (server/), model tools (models/), tests (test/),
// benchmarks (bench/) and examples (examples/). n8n's Cloud rules (no process, no setTimeout,
// no imports outside an allowlist) are right for code that runs inside n8n and wrong for a
// service, so those folders are ignored here and linted by `npm run lint:server`
// (server/eslint.config.mjs). This one addition is why package.json sets "strict": false:
// strict mode accepts only the byte-identical template file, and the Cloud rules still apply
// in full to everything that ends up in dist/.
import { globalIgnores } from 'eslint/config';
import { config } from '@n8n/node-cli/eslint';

export default [
	globalIgnores(['server/', 'models/', 'test/', 'bench/', 'examples/', 'data/', '.ci/']),
	...config,
];
