/** `--name value` from a benchmark script's command line, or the fallback. */
export function argOf(name: string, fallback: string): string {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1]! : fallback;
}
