/** The positive number given as `--name N` or `--name=N` on the command line, or `fallback` when absent or not one. */
export function numberOption(name: string, fallback: number, argv: readonly string[] = process.argv): number {
  const i = argv.indexOf(name);
  const text = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  const v = Number(text ?? NaN);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}
