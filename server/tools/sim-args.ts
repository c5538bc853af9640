// The command line of `npm run sim` (GUIDE §4):
//   <level-file> [--seed N] [--duration 120s] [--chaos none|level|random] [--set path=value ...] [--json]
//   --replay <replay.json> [<level-file>] [--json]

import { CHAOS_MODES, type ChaosMode } from "../../shared/levels/round";
import { parseOverrideValue } from "../../shared/levels/overrides";

export const SIM_USAGE = `usage: npm run sim -- <level-file> [--seed N] [--duration 120s] [--chaos none|level|random] [--set path=value ...] [--json]
       npm run sim -- --replay <replay.json> [<level-file>] [--json]

  --seed N          the seed (a whole number); a random one is chosen and printed when omitted
  --duration D      stop after D of simulated time (500ms, 30s, 2m; a bare number means seconds);
                    default and maximum: the level's time limit (raise it with --set timeLimitMs=...)
  --chaos MODE      none: the level's script only; level (default): plus the chaos bot's plan;
                    random: plus a random fault schedule drawn from the seed
  --set path=value  change one value of the level, e.g. --set cluster.config.electionMs=1500
  --json            print the report as one JSON object on stdout
  --replay FILE     play a round's replay file (a host's rounds/N/replay.json export) and check that it comes to
                    the recorded trace hash; the level is levels/<its id>.json unless a level file is given

exit codes: 0 the run finished (won, lost or unfinished); 1 bad arguments or level; 2 an invariant was violated;
            3 the simulation crashed; 4 a replay did not come to its recorded trace hash`;

export interface SimArgs {
  file: string;
  seed: number | null;
  durationMs: number | null;
  chaos: ChaosMode;
  overrides: Record<string, unknown>;
  json: boolean;
  /** A replay file to play instead of a fresh round (then `file`, if any, is the level it is of). */
  replay: string | null;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const MAX_SEED = 2 ** 31 - 1;

/** "120s" -> 120000; "500ms" -> 500; "2m" -> 120000; "90" -> 90000. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|min)?$/.exec(text.trim());
  if (!match) throw new UsageError(`--duration: expected a duration such as 120s, 500ms or 2m, got ${JSON.stringify(text)}`);
  const unit = match[2] ?? "s";
  const factor = unit === "ms" ? 1 : unit === "s" ? 1000 : 60_000;
  const ms = Math.round(Number(match[1]) * factor);
  if (ms <= 0) throw new UsageError(`--duration: expected a duration above zero, got ${JSON.stringify(text)}`);
  return ms;
}

export function parseSimArgs(argv: readonly string[]): SimArgs {
  const args: SimArgs = { file: "", seed: null, durationMs: null, chaos: "level", overrides: {}, json: false, replay: null };
  // A replay fixes the seed, the chaos mode, the level and how far the round ran, so those options make no sense with it.
  const fixedByReplay: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    // "--seed=7" and "--set=a.b=1" work as well as "--seed 7".
    const eqAt = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eqAt > 0 ? arg.slice(0, eqAt) : arg;
    const inline = eqAt > 0 ? arg.slice(eqAt + 1) : undefined;
    const take = (): string => inline ?? value();
    switch (flag) {
      case "--seed": {
        fixedByReplay.push(flag);
        const text = take();
        if (!/^\d+$/.test(text) || Number(text) > MAX_SEED) throw new UsageError(`--seed: expected a whole number from 0 to ${MAX_SEED}, got ${JSON.stringify(text)}`);
        args.seed = Number(text);
        break;
      }
      case "--duration":
        fixedByReplay.push(flag);
        args.durationMs = parseDuration(take());
        break;
      case "--chaos": {
        fixedByReplay.push(flag);
        const mode = take();
        if (!CHAOS_MODES.includes(mode as ChaosMode)) throw new UsageError(`--chaos: expected one of ${CHAOS_MODES.join(", ")}, got ${JSON.stringify(mode)}`);
        args.chaos = mode as ChaosMode;
        break;
      }
      case "--set": {
        fixedByReplay.push(flag);
        const assignment = take();
        const eq = assignment.indexOf("=");
        if (eq <= 0) throw new UsageError(`--set: expected path=value such as cluster.config.electionMs=1500, got ${JSON.stringify(assignment)}`);
        args.overrides[assignment.slice(0, eq)] = parseOverrideValue(assignment.slice(eq + 1));
        break;
      }
      case "--json":
        args.json = true;
        break;
      case "--replay":
        args.replay = take();
        break;
      case "--help":
      case "-h":
        throw new UsageError("");
      default:
        if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
        files.push(arg);
    }
  }
  if (args.replay !== null) {
    if (fixedByReplay.length > 0) throw new UsageError(`${fixedByReplay[0]}: a replay file fixes the seed, chaos, duration and level settings of the round it recorded`);
    if (files.length > 1) throw new UsageError(`expected at most one level file with --replay, got ${files.join(" ")}`);
    args.file = files[0] ?? "";
    return args;
  }
  if (files.length !== 1) throw new UsageError(files.length === 0 ? "missing the level file (e.g. levels/etcd/leader-election.json)" : `expected one level file, got ${files.join(" ")}`);
  args.file = files[0];
  return args;
}
