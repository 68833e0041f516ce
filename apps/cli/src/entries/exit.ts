/**
 * Exits with `code` once everything written to stdout and stderr is flushed. Exiting explicitly
 * (rather than letting the event loop drain) keeps idle keep-alive sockets from delaying the end.
 */
export function exitWhenFlushed(code: number): void {
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}
