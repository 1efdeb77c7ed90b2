/**
 * Entry of a parse thread (see parse-thread.ts): bundled on its own as dist/main/parse-thread.cjs, so a
 * thread loads the parsers and nothing else (the job worker bundle, five times larger, took 0.2 s more
 * to start), or run from TypeScript source through tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isParseThreadData, runParseThread } from './parse-thread';

if (parentPort && isParseThreadData(workerData)) void runParseThread(parentPort, workerData);
