/** Command-line arguments of `npm run bench:bot`. */

export type CorpusChoice = 'seed' | 'big' | 'both';

export interface BenchArgs {
  rates: number[];
  seconds: number;
  corpus: CorpusChoice;
  /** Paragraphs of the big corpus. */
  paragraphs: number;
  /** Warm-up seconds (at the lowest rate, not measured) after the bot is ready. */
  warmup: number;
  /** Share of /summary and of autocomplete in the mix (each); the rest is /ask. */
  summaryShare: number;
  autocompleteShare: number;
  users: number;
  /** Write a V8 CPU profile of the bot (per corpus) into this folder. */
  cpuProf: string | null;
  /** Event-loop-delay / heap probe preloaded into the bot (answers SIGUSR2). */
  probe: boolean;
  /** Before each corpus, wait up to this many seconds for other processes to use < quietMax % of a core. */
  quietWait: number;
  quietMax: number;
  /** Scheduling priority (nice, -20..19) for this process and the bot child, or null to leave it. */
  priority: number | null;
  /** Time the bot's stages in this process after each corpus (Library.ask, rendering, autocomplete, summary). */
  stages: boolean;
  /** Every this many seconds of a measured phase on the big corpus, change one article file (0: never). */
  editEvery: number;
  /** Which bot to run: the working tree, or a commit (git archive snapshot; others keep editing the tree). */
  src: string;
  /** Seconds to wait for the bot's ready + registration. */
  startTimeout: number;
  /** bench:http: the server's HTTP_WORKERS (worker processes sharing the port); only a caller that gives it a default takes `--workers`. */
  workers: number;
  /** The target: p99 below this many ms at `targetRate` interactions/s. */
  targetP99: number;
  targetRate: number;
}

export const USAGE = `npm run bench:bot -- [--rates 50,100,200] [--seconds 10] [--corpus seed|big|both]
       [--paragraphs 20000] [--warmup 3] [--summary-share 0.05] [--autocomplete-share 0.05]
       [--users 500] [--cpu-prof DIR] [--no-probe] [--no-stages] [--start-timeout 180] [--quiet-wait 5] [--quiet-max 30]
       [--src worktree|HEAD|<commit>]   (default: the working tree)
       [--edit-every 2]   (change an article of the big corpus every 2 s while measuring: load during live reloads)
       [--priority -10]   (nice value for the bench and the bot: measure the bot, not a busy machine)`;

/** bench:bot's arguments; bench:http passes its own defaults (rates, target) and usage line. */
export function parseArgs(argv: readonly string[], defaults: Partial<BenchArgs> = {}, usage = USAGE): BenchArgs {
  const args: BenchArgs = {
    rates: [50, 100, 200],
    seconds: 10,
    corpus: 'both',
    paragraphs: 20_000,
    warmup: 3,
    summaryShare: 0.05,
    autocompleteShare: 0.05,
    users: 500,
    cpuProf: null,
    probe: true,
    startTimeout: 180,
    quietWait: 5,
    quietMax: 30,
    priority: null,
    stages: true,
    editEvery: 0,
    src: 'worktree',
    workers: 1,
    targetP99: 50,
    targetRate: 200,
    ...defaults,
  };
  const num = (name: string, v: string | undefined, min: number, max: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number from ${min} to ${max}, got "${v ?? ''}"\n${usage}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--rates': {
        const v = value() ?? '';
        args.rates = v
          .split(',')
          .filter(Boolean)
          .map((r) => num('--rates', r, 1, 5000));
        if (!args.rates.length) throw new Error(`--rates needs a list such as 50,200\n${usage}`);
        break;
      }
      case '--seconds':
        args.seconds = num('--seconds', value(), 0.5, 120);
        break;
      case '--corpus': {
        const v = value();
        if (v !== 'seed' && v !== 'big' && v !== 'both') throw new Error(`--corpus must be seed, big or both\n${usage}`);
        args.corpus = v;
        break;
      }
      case '--paragraphs':
        args.paragraphs = num('--paragraphs', value(), 100, 500_000);
        break;
      case '--warmup':
        args.warmup = num('--warmup', value(), 0, 60);
        break;
      case '--summary-share':
        args.summaryShare = num('--summary-share', value(), 0, 0.5);
        break;
      case '--autocomplete-share':
        args.autocompleteShare = num('--autocomplete-share', value(), 0, 0.5);
        break;
      case '--users':
        args.users = Math.round(num('--users', value(), 1, 100_000));
        break;
      case '--cpu-prof':
        args.cpuProf = value() ?? null;
        if (!args.cpuProf) throw new Error(`--cpu-prof needs a folder\n${usage}`);
        break;
      case '--src':
        args.src = value() ?? '';
        if (!args.src) throw new Error(`--src needs worktree or a commit\n${usage}`);
        break;
      case '--edit-every':
        args.editEvery = num('--edit-every', value(), 0, 600);
        break;
      case '--workers':
        if (defaults.workers === undefined) throw new Error(`unknown argument "${a}"\n${usage}`);
        args.workers = Math.round(num('--workers', value(), 1, 64));
        break;
      case '--no-stages':
        args.stages = false;
        break;
      case '--no-probe':
        args.probe = false;
        break;
      case '--quiet-wait':
        args.quietWait = num('--quiet-wait', value(), 0, 600);
        break;
      case '--priority':
        args.priority = Math.round(num('--priority', value(), -20, 19));
        break;
      case '--quiet-max':
        args.quietMax = num('--quiet-max', value(), 0, 400);
        break;
      case '--start-timeout':
        args.startTimeout = num('--start-timeout', value(), 5, 600);
        break;
      case '-h':
      case '--help':
        process.stdout.write(`${usage}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument "${a}"\n${usage}`);
    }
  }
  args.rates.sort((x, y) => x - y);
  return args;
}
