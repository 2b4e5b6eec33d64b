// Preloaded with `node --import` when /usr/bin/time is missing: writes the process's peak RSS
// (KB) to $BENCH_RSS_FILE on exit.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
