import { run } from './main.js';

await run();
// A token request past its deadline may still hold a socket open; the step is over.
process.exit();
