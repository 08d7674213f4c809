#!/usr/bin/env node
// The `presence` command: runs the compiled CLI (npm run build puts it in dist/).
import { cli } from '../dist/src/main.js';

await cli();
