// Preloaded into the app server by bench:profile (`node --import ./bench/lib/profile-on-signal.ts`): the
// first SIGUSR2 starts V8's sampling profiler, the next one stops it and writes the profile to
// $BENCH_PROFILE_DIR/profile-<n>.cpuprofile. Unlike `--cpu-prof`, the profile then covers only the load
// window, not start-up and module loading. Bench-only: nothing in src/ knows about it.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  let running = false;
  let count = 0;
  process.on("SIGUSR2", () => {
    void (async () => {
      if (!running) {
        running = true;
        await session.post("Profiler.enable");
        await session.post("Profiler.setSamplingInterval", { interval: 1000 });
        await session.post("Profiler.start");
        return;
      }
      const { profile } = await session.post("Profiler.stop");
      running = false;
      const path = `${dir}/profile-${count++}.cpuprofile`;
      writeFileSync(`${path}.tmp`, JSON.stringify(profile));
      // Renamed when complete, so the runner never reads half a file.
      (await import("node:fs")).renameSync(`${path}.tmp`, path);
    })();
  });
}
