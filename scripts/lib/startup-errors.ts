import { DataDirInUseError } from '../../supabase/local/data-dir-lock';
import { PortInUseError } from '../../supabase/local/ports';

/** `--name N` from the command line: a port number, or `fallback` when absent. */
export function portOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(
      `--${name} needs a port number (0–65535), not "${process.argv[index + 1] ?? ''}".`,
    );
    process.exit(2);
  }
  return value;
}

/**
 * A start that cannot proceed for a reason the person can fix (a taken port, a data
 * directory another stack holds) ends with one line saying what and what to do, not a
 * stack trace. `portFlags` gives, per port role, the command to choose another port.
 */
export function exitOnStartupError(portFlags: Record<string, string>) {
  return (error: unknown): never => {
    if (error instanceof PortInUseError) {
      const flag = portFlags[error.role];
      console.error(
        `${error.message} Stop that program${flag ? `, or choose another port, e.g. ${flag} ${error.port + 10}` : ''}.`,
      );
    } else if (error instanceof DataDirInUseError) {
      console.error(error.message);
    } else {
      throw error;
    }
    process.exit(1);
  };
}
