#!/usr/bin/env node
// Thin launcher so the bin link exists before the TypeScript build has run.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
