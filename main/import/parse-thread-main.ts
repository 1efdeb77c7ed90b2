/**
 * Entry of a parse thread started from TypeScript source (tests, the benchmark); the bundled app starts
 * the same code from its job worker (main/jobs/worker.ts). See parse-thread.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isParseThreadData, runParseThread } from './parse-thread';

if (parentPort && isParseThreadData(workerData)) void runParseThread(parentPort, workerData);
