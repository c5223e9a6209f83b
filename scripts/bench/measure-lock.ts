import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';

/**
 * Runs `measure` while holding the shared measuring lock named by BENCH_LOCK (`flock` on that
 * file), so that only the timed parts of a long bench exclude other measurements on a shared
 * machine — not the minutes of fixture generation around them. Without BENCH_LOCK it just runs.
 * Returns the load averages (1 min) before and after, for quoting with the figures.
 */
export async function underMeasureLock<T>(
  measure: () => Promise<T>,
): Promise<{ result: T; load: string }> {
  const file = process.env.BENCH_LOCK;
  const holder = file ? spawn('flock', [file, '-c', 'echo held; cat > /dev/null']) : null;
  if (holder)
    await new Promise<void>((resolve, reject) => {
      holder.once('error', reject);
      holder.once('exit', (code) => reject(new Error(`flock ${file} exited with ${code}`)));
      holder.stdout.once('data', () => resolve());
    });
  const before = loadavg()[0]!.toFixed(2);
  try {
    const result = await measure();
    return { result, load: `load average ${before} → ${loadavg()[0]!.toFixed(2)}` };
  } finally {
    if (holder) {
      holder.removeAllListeners('exit');
      holder.stdin.end();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
  }
}
