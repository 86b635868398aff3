import { clearExportedCredentials } from './cleanup.js';

clearExportedCredentials();
