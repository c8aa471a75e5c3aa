// Issue 11: the live event log keeps LIVE_REPLAY_HOURS of ids for reconnecting streams; hourly, older ones go.
import { z } from "zod";
import { unsafePruneLiveEvents } from "@/db/unsafe-live-events";
import { env } from "@/lib/env";
import { defineJob } from "./define-job";

export const liveEventsPruneJob = defineJob({
  name: "live-events-prune",
  payload: z.object({}).strict(),
  cron: "17 * * * *",
  queue: { policy: "standard", retryLimit: 0, expireInSeconds: 600 },
  pollSeconds: 30,
  run: async () => ({ removed: await unsafePruneLiveEvents(env().LIVE_REPLAY_HOURS) }),
});
