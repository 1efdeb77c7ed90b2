/**
 * The job worker thread's entry point (bundled as dist/main/worker.cjs): every kind of long job the
 * app runs off its event loop is registered here, one line each.
 */
import { auditVerifyJob } from './audit/jobs';
import { exportJob } from './export/jobs';
import { importJob } from './import/jobs';
import { JobRegistry, serveJobs } from './jobs/worker-host';
import { sweepJob } from './redact/sweep-jobs';
import { indexJob } from './search/jobs';

serveJobs(new JobRegistry().register(importJob).register(indexJob).register(exportJob).register(auditVerifyJob).register(sweepJob));
