// `npm run worker`: the job worker on its own (scripts/start.ts also starts one beside the web server).
import { runWorker } from "../src/jobs/worker";

let stop: () => Promise<void>;
try {
  stop = await runWorker();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await stop().catch((e) => console.error(e));
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
