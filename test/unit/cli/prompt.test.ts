import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PromptCancelledError, readSecret } from '../../../src/cli/prompt';

/** An input that claims to be a terminal (readline then echoes unless its output is muted), or a pipe. */
function streams(terminal: boolean) {
  const input = Object.assign(new PassThrough(), { isTTY: terminal });
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => {
    shown += chunk.toString();
  });
  return { input, output, shown: () => shown };
}

describe('readSecret, the password prompt', () => {
  it('on a terminal shows the prompt and a newline but never the typed characters', async () => {
    const { input, output, shown } = streams(true);
    const answer = readSecret('Password: ', input, output);
    for (const key of 'quiet meadow') input.write(key);
    input.write('\r');
    expect(await answer).toBe('quiet meadow');
    expect(shown()).toBe('Password: \n');
  });

  it('on a terminal, Ctrl+C cancels with PromptCancelledError instead of answering', async () => {
    const { input, output, shown } = streams(true);
    const answer = readSecret('Password: ', input, output);
    input.write('abc\x03');
    await expect(answer).rejects.toBeInstanceOf(PromptCancelledError);
    expect(shown()).toBe('Password: \n');
  });

  it('from a pipe reads the first line and writes nothing', async () => {
    const { input, output, shown } = streams(false);
    const answer = readSecret('Password: ', input, output);
    input.end('amber violin tundra seven\nsecond line\n');
    expect(await answer).toBe('amber violin tundra seven');
    expect(shown()).toBe('');
  });

  it('from a pipe takes a last line without a newline, and an empty pipe as an empty answer', async () => {
    const last = streams(false);
    const answer = readSecret('Password: ', last.input, last.output);
    last.input.end('no newline at the end');
    expect(await answer).toBe('no newline at the end');

    const empty = streams(false);
    const none = readSecret('Password: ', empty.input, empty.output);
    empty.input.end();
    expect(await none).toBe('');
  });
});
