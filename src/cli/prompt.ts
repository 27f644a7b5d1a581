import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export class PromptCancelledError extends Error {
  override name = 'PromptCancelledError';
  constructor() {
    super('Cancelled: no password was given.');
  }
}

/**
 * Reads one line without showing it. On a terminal readline echoes every key it gets (and
 * redraws the line) to its output: that output is a muted stream, so the typed secret never
 * reaches the screen; the prompt and the newline after it are written to the real output.
 * From a pipe nothing is echoed and nobody reads a prompt, so none is written.
 */
export async function readSecret(
  prompt: string,
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
  // The prompt goes where sudo's and psql's do: stdout may be redirected to a file.
  output: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  const terminal = Boolean(input.isTTY);
  const muted = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const rl = createInterface({ input, output: muted, terminal, historySize: 0 });
  if (terminal) output.write(prompt);
  try {
    return await new Promise<string>((resolve, reject) => {
      rl.once('line', resolve);
      // A pipe's last line without a newline comes as 'line' just before 'close'; a pipe with
      // nothing in it is an empty answer (refused by the password rules), not a hang.
      rl.once('close', () => resolve(''));
      // Ctrl+C in raw mode reaches readline, not the process: end the command as a refusal.
      rl.once('SIGINT', () => reject(new PromptCancelledError()));
    });
  } finally {
    rl.close();
    if (terminal) output.write('\n');
  }
}
