/* global URL */
// `node --import ./register.mjs`: `import … from 'electron'` gets the stand-in.
import { register } from 'node:module';

register(new URL('./hooks.mjs', import.meta.url));
