// CPU time and memory of another process, read from Linux's /proc (NaN where /proc is absent).

import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export interface ProcessStats {
  /** utime + stime, seconds. */
  cpuSeconds: number;
  /** VmRSS, bytes. */
  rssBytes: number;
  /** VmHWM (peak resident set), bytes. */
  peakRssBytes: number;
}

let clockTicks: number | undefined;

/** Clock ticks per second (the unit of /proc/PID/stat times); usually 100. */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
      clockTicks = Number.isFinite(n) && n > 0 ? n : 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** utime + stime of `pid` in seconds, from the text of /proc/PID/stat. */
export function cpuSecondsFromStat(stat: string, ticks: number): number {
  // Field 2 (comm) is in parentheses and may contain spaces: split after the last ')'.
  // The rest starts at field 3 (state); utime and stime are fields 14 and 15.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  return (utime + stime) / ticks;
}

/** A `Vm...:   1234 kB` line of /proc/PID/status, in bytes (NaN if missing). */
export function statusFieldBytes(status: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

export function readProcessStats(pid: number): ProcessStats {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return {
      cpuSeconds: cpuSecondsFromStat(stat, ticksPerSecond()),
      rssBytes: statusFieldBytes(status, 'VmRSS'),
      peakRssBytes: statusFieldBytes(status, 'VmHWM'),
    };
  } catch {
    return { cpuSeconds: Number.NaN, rssBytes: Number.NaN, peakRssBytes: Number.NaN };
  }
}
